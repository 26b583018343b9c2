/**
 * @module http/internal
 * iamd's own endpoints under `/_iamd/`: today the health check that `npm start`, tests and orchestrators wait on.
 */

import type { ServerResponse } from 'node:http';

/**
 * Answers an internal request. `GET /_iamd/health` is 200 once the server accepts requests.
 *
 * @example
 * handleInternal('/_iamd/health', 'GET', res);
 */
export function handleInternal(path: string, method: string, res: ServerResponse): void {
  if (path === '/_iamd/health' && (method === 'GET' || method === 'HEAD')) {
    const body = JSON.stringify({ status: 'ok' });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }
  const body = JSON.stringify({ error: 'NotFound', message: `No internal endpoint ${path}` });
  res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

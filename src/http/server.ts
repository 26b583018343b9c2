/**
 * @module http/server
 * Starts and stops the listener. Stopping is graceful: no new connections, idle ones closed at once, requests in
 * flight allowed to finish for a grace period before their sockets are closed.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening server. */
export interface RunningServer {
  readonly server: Server;
  /** `http://host:port` as clients should use it. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, waits for requests in flight (at most `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 picks a free one).
 *
 * @example
 * const running = await listen(listener, '127.0.0.1', 0);
 */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  host: string,
  port: number,
): Promise<RunningServer> {
  const server = createServer({ keepAliveTimeout: 5_000, requestTimeout: 300_000 }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/**
 * @module http/imds/imds-handler
 * One instance's metadata endpoint (WIRE.md §4.1; EC2 User Guide, "Use the Instance Metadata Service"):
 * `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds` (1–21600, else 400; echoed back, as
 * aws-sdk-go-v2 requires), then GETs that carry the token. A missing token is accepted only when the instance's
 * `HttpTokens` is `optional` (IMDSv1); a wrong or expired one is always 401. A token PUT with `X-Forwarded-For` is
 * refused (403), as EC2 refuses proxied token requests. Bodies are `text/plain`, as EC2 sends them.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InstanceMetadata } from '../../core/ec2/index.js';
import { iamDocument } from './iam-documents.js';
import { metadataText } from './metadata-tree.js';
import type { TokenStore } from './token-store.js';

const MAX_TTL = 21600;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): number {
  res.writeHead(status, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(body),
    server: 'EC2ws',
    ...headers,
  });
  res.end(body);
  return status;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};
const fail = (res: ServerResponse, status: number) => send(res, status, REASONS[status] ?? 'Error');

function issueToken(req: IncomingMessage, res: ServerResponse, tokens: TokenStore): number {
  if (req.headers['x-forwarded-for'] !== undefined) return fail(res, 403);
  const ttlText = req.headers['x-aws-ec2-metadata-token-ttl-seconds'];
  const ttl = typeof ttlText === 'string' && /^\d{1,5}$/.test(ttlText) ? Number(ttlText) : Number.NaN;
  if (!(ttl >= 1 && ttl <= MAX_TTL)) return fail(res, 400);
  return send(res, 200, tokens.issue(ttl), { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) });
}

/**
 * Handles one request to the endpoint of `instanceId`; resolves to the status sent (for the access log).
 *
 * @example
 * createServer((req, res) => void handleImds(req, res, 'i-0123456789abcdef0', metadata, tokens));
 */
export async function handleImds(
  req: IncomingMessage,
  res: ServerResponse,
  instanceId: string,
  metadata: InstanceMetadata,
  tokens: TokenStore,
): Promise<number> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  req.resume();
  if (path === '/latest/api/token') return req.method === 'PUT' ? issueToken(req, res, tokens) : fail(res, 405);
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405);
  const instance = metadata.instance(instanceId);
  if (!instance) return fail(res, 404);
  const token = req.headers['x-aws-ec2-metadata-token'];
  if (typeof token === 'string' ? !tokens.valid(token) : instance.metadataOptions.httpTokens === 'required') {
    return fail(res, 401);
  }
  if (path === '/') return send(res, 200, 'latest');
  if (!path.startsWith('/latest/')) return fail(res, 404);
  const below = path.slice('/latest/'.length);
  if (below.startsWith('meta-data/iam')) {
    const answer = await iamDocument(metadata, instanceId, below.slice('meta-data/'.length));
    return answer ? send(res, answer.status, answer.body) : fail(res, 404);
  }
  const hasIam = instance.profile !== undefined;
  const body = metadataText(instance, below, hasIam);
  return body === undefined ? fail(res, 404) : send(res, 200, body);
}

/**
 * Raw signed requests for the SigV4 compatibility suites: sign with iamd's own test signer (src/sigv4
 * `signHeaders`/`presignQuery`, itself checked against AWS's vectors) and send the bytes exactly as given over
 * `node:http`, which, unlike `fetch`, neither normalises the path nor re-encodes it.
 */

import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { presignQuery, sha256Hex, signHeaders } from '../../src/sigv4/index.js';
import type { TestApp } from '../support/test-app.js';

/** A request as it goes on the wire. */
export interface RawRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The parsed `<Error>` (S3) or `<ErrorResponse><Error>` (Query) element, if the body is one. */
  readonly error?: Record<string, string> | undefined;
}

const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, trimValues: false });

function errorOf(body: Buffer): Record<string, string> | undefined {
  const text = body.toString('utf8');
  if (!text.includes('<Error')) return undefined;
  const doc = parser.parse(text) as {
    Error?: Record<string, string>;
    ErrorResponse?: { Error: Record<string, string> };
  };
  return doc.Error ?? doc.ErrorResponse?.Error;
}

/** Sends `raw` to the app as is; `agent` keeps connections alive across a sweep of requests. */
export function send(t: TestApp, raw: RawRequest, agent?: Agent): Promise<RawResponse> {
  const { hostname, port } = new URL(t.endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: raw.method, path: raw.target, headers: raw.headers, agent: agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, error: errorOf(body) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(raw.body);
  });
}

/** What to sign. `payloadHash` defaults to the body's SHA-256 hex. */
export interface SignSpec {
  readonly method: string;
  readonly path: string;
  readonly query?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly service?: 's3' | 'sts' | 'iam';
  readonly payloadHash?: string;
  /** Signing time; default the server's clock now. */
  readonly now?: Date;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const hostOf = (t: TestApp) => new URL(t.endpoint).host;

/**
 * A header-signed request. S3 requests carry `x-amz-content-sha256` (signed), as every SDK sends it.
 *
 * @example
 * await send(t, signed(t, { method: 'GET', path: '/bucket/key' }));
 */
export function signed(t: TestApp, spec: SignSpec): RawRequest {
  const service = spec.service ?? 's3';
  const body = spec.body ?? Buffer.alloc(0);
  const payloadHash = spec.payloadHash ?? sha256Hex(body);
  const headers: Record<string, string> = { host: hostOf(t), ...spec.headers };
  if (service === 's3') headers['x-amz-content-sha256'] = payloadHash;
  const added = signHeaders({
    method: spec.method,
    path: spec.path,
    query: spec.query ?? '',
    headers,
    payloadHash,
    region: 'us-east-1',
    service,
    credentials: spec.credentials ?? t.root,
    now: spec.now ?? t.clock.now(),
    normalizePath: service !== 's3',
  });
  const target = spec.query ? `${spec.path}?${spec.query}` : spec.path;
  return { method: spec.method, target, headers: { ...headers, ...added }, body };
}

/**
 * A presigned S3 URL path and query (UNSIGNED-PAYLOAD, `host` signed), valid for `expires` seconds.
 *
 * @example
 * const target = presigned(t, { method: 'GET', path: '/bucket/key' }, 60);
 */
export function presigned(t: TestApp, spec: SignSpec, expires: number): RawRequest {
  const query = presignQuery(
    {
      method: spec.method,
      path: spec.path,
      query: spec.query ?? '',
      headers: { host: hostOf(t) },
      payloadHash: 'UNSIGNED-PAYLOAD',
      region: 'us-east-1',
      service: spec.service ?? 's3',
      credentials: spec.credentials ?? t.root,
      now: spec.now ?? t.clock.now(),
      normalizePath: (spec.service ?? 's3') !== 's3',
    },
    expires,
  );
  return { method: spec.method, target: `${spec.path}?${query}`, headers: { host: hostOf(t) }, body: spec.body };
}

/** A keep-alive agent for sweeps of many requests. */
export const keepAlive = () => new Agent({ keepAlive: true, maxSockets: 4 });

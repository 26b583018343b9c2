/**
 * @module sigv4/sign-request
 * A minimal client-side signer (header and presigned forms) so other modules' tests can build signed requests
 * without an SDK. It follows the same canonicalisation as the verifier; the SDKs and the published vectors
 * remain the oracle for both.
 */
import { formatAmzDate } from './amz-date.js';
import { canonicalRequest } from './canonical-request.js';
import { credentialScope, deriveSigningKey, signString, stringToSign } from './signing.js';
import { ALGORITHM } from './types.js';
import { uriEncode } from './uri-encode.js';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignRequestInput {
  readonly method: string;
  /** The path as it will be sent. */
  readonly path: string;
  /** The query as it will be sent, without `?` (default empty). */
  readonly query?: string;
  /** Headers to send and sign, lower-case names; must include `host`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly payloadHash: string;
  readonly region: string;
  readonly service: string;
  readonly credentials: SigningCredentials;
  readonly now: Date;
  /** `false` for S3. */
  readonly normalizePath: boolean;
}

function scopeOf(input: SignRequestInput, amzDate: string): string {
  return credentialScope(amzDate.slice(0, 8), input.region, input.service);
}

function sign(input: SignRequestInput, amzDate: string, canonical: string): string {
  const key = deriveSigningKey(input.credentials.secretAccessKey, amzDate.slice(0, 8), input.region, input.service);
  return signString(key, stringToSign(amzDate, scopeOf(input, amzDate), canonical));
}

/**
 * Signs with the `Authorization` header. Returns the headers to add: `authorization`, `x-amz-date` and,
 * with a session token, `x-amz-security-token` (all of them signed, with every header given).
 *
 * @example
 * const extra = signHeaders({ method: 'POST', path: '/', headers: { host: 'localhost:4599' },
 *   payloadHash: sha256Hex(body), region: 'us-east-1', service: 'sts', credentials, now, normalizePath: true });
 */
export function signHeaders(input: SignRequestInput): Record<string, string> {
  const amzDate = formatAmzDate(input.now);
  const added: Record<string, string> = { 'x-amz-date': amzDate };
  if (input.credentials.sessionToken !== undefined) added['x-amz-security-token'] = input.credentials.sessionToken;
  const headers = { ...input.headers, ...added };
  const signedHeaders = Object.keys(headers).sort();
  const canonical = canonicalRequest({ ...input, query: input.query ?? '', headers, signedHeaders });
  const signature = sign(input, amzDate, canonical);
  const credential = `${input.credentials.accessKeyId}/${scopeOf(input, amzDate)}`;
  added['authorization'] =
    `${ALGORITHM} Credential=${credential}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return added;
}

/**
 * Presigns: returns the full query string to send (the given query plus the `X-Amz-*` parameters and the
 * signature). All given headers are signed and must be sent as given.
 *
 * @example
 * const query = presignQuery({ method: 'GET', path: '/bucket/key', headers: { host: 'localhost:4599' },
 *   payloadHash: 'UNSIGNED-PAYLOAD', region: 'us-east-1', service: 's3', credentials, now,
 *   normalizePath: false }, 900);
 */
export function presignQuery(input: SignRequestInput, expiresSeconds: number): string {
  const amzDate = formatAmzDate(input.now);
  const signedHeaders = Object.keys(input.headers).sort();
  const params: Array<[string, string]> = [
    ['X-Amz-Algorithm', ALGORITHM],
    ['X-Amz-Credential', `${input.credentials.accessKeyId}/${scopeOf(input, amzDate)}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(expiresSeconds)],
    ['X-Amz-SignedHeaders', signedHeaders.join(';')],
  ];
  if (input.credentials.sessionToken !== undefined)
    params.push(['X-Amz-Security-Token', input.credentials.sessionToken]);
  const extra = params.map(([name, value]) => `${name}=${uriEncode(value)}`).join('&');
  const query = input.query ? `${input.query}&${extra}` : extra;
  const signature = sign(input, amzDate, canonicalRequest({ ...input, query, signedHeaders }));
  return `${query}&X-Amz-Signature=${signature}`;
}

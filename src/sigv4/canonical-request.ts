/**
 * @module sigv4/canonical-request
 * `CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
 * HashedPayload` (IAM User Guide, "Create a canonical request for Signature Version 4"; JS
 * `SignatureV4.createCanonicalRequest`).
 */
import { canonicalHeaders } from './canonical-headers.js';
import { canonicalPath } from './canonical-path.js';
import { canonicalQuery } from './canonical-query.js';
import type { HeaderMap } from './types.js';

export interface CanonicalRequestInput {
  readonly method: string;
  /** Raw path as received (see {@link canonicalPath}). */
  readonly path: string;
  /** Raw query string without `?`. */
  readonly query: string;
  readonly headers: HeaderMap;
  /** Lower-case header names, in the client's order. */
  readonly signedHeaders: readonly string[];
  /** `signedHeaders` joined with `;`, when the caller has it already (a parsed request does). */
  readonly signedHeadersValue?: string;
  /** The hex SHA-256 of the body, `UNSIGNED-PAYLOAD`, or a `STREAMING-…` literal. */
  readonly payloadHash: string;
  /** `true` for every service but S3 (see {@link canonicalPath}). */
  readonly normalizePath: boolean;
  /** Decoded query parameter names to leave out (`X-Amz-Signature` for presigned requests). */
  readonly omitQueryParameters?: readonly string[];
}

/**
 * Builds the canonical request exactly as the client must have, from the request as received.
 *
 * @example
 * canonicalRequest({ method: 'GET', path: '/', query: '', headers: { host: 'example.amazonaws.com',
 *   'x-amz-date': '20150830T123600Z' }, signedHeaders: ['host', 'x-amz-date'],
 *   payloadHash: 'e3b0c442…', normalizePath: true });
 * // 'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c442…'
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const path = canonicalPath(input.path, input.normalizePath);
  const query = canonicalQuery(input.query, input.omitQueryParameters);
  const headers = canonicalHeaders(input.headers, input.signedHeaders);
  const signed = input.signedHeadersValue ?? input.signedHeaders.join(';');
  return `${input.method}\n${path}\n${query}\n${headers}\n${signed}\n${input.payloadHash}`;
}

/**
 * @module sigv4/types
 * Shapes shared by the SigV4 parser, verifier and signer. The request is described the way `node:http`
 * delivers it, so the HTTP layer can pass `req.method`, the raw path and query, and `req.headersDistinct`.
 */

/** The only algorithm accepted (SigV4A and SigV2 are refused; WIRE.md §5.2). */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Request headers keyed by lower-case name. Repeated headers should be passed as arrays (`headersDistinct`):
 * SigV4 joins repeated values with `,` while node's `req.headers` joins them with `, `. Values must be the
 * client's UTF-8 text: node decodes header bytes as latin1, so re-decode any non-ASCII value
 * (`Buffer.from(v, 'latin1').toString('utf8')`) before verifying.
 */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The request as received. `path` is the raw path as sent (still percent-encoded, no query); `query` the raw
 * query string without `?`; header names lower-cased (values may be string or string[]).
 */
export interface HttpRequestParts {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: HeaderMap;
}

/** The SigV4 parameters of a request, from the `Authorization` header or the `X-Amz-*` query parameters. */
export interface ParsedAuthorization {
  readonly kind: 'header' | 'query';
  readonly accessKeyId: string;
  /** `yyyymmdd` from the credential scope. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** The `X-Amz-Date` value (or the `Date` header rewritten in that form), e.g. `20150830T123600Z`. */
  readonly amzDate: string;
  readonly requestTime: Date;
  /** `X-Amz-Expires`, presigned requests only. */
  readonly expiresSeconds?: number;
  /** `X-Amz-Security-Token` header or query parameter. */
  readonly securityToken?: string;
}

/**
 * Why a request's SigV4 parameters could not be read. The HTTP edge renders these with the registry codes:
 * all of them are `IncompleteSignature` for Query services (S3: `AuthorizationHeaderMalformed` /
 * `AuthorizationQueryParametersError`).
 */
export type AuthParseErrorCode = 'IncompleteSignature' | 'MissingDate' | 'UnsupportedAlgorithm' | 'MalformedCredential';

export interface AuthParseError {
  readonly code: AuthParseErrorCode;
  /** AWS-style text; contains the request's own auth parameters, never a secret. */
  readonly message: string;
}

export type AuthParseResult =
  | { readonly ok: true; readonly auth: ParsedAuthorization }
  | { readonly ok: false; readonly error: AuthParseError };

/**
 * @module sigv4/types
 * Shapes shared by the SigV4 parser, verifier and signer. The request is described the way `node:http`
 * delivers it, so the HTTP layer can pass `req.method`, the raw path and query, and `req.headersDistinct`.
 */

/** The only algorithm accepted (SigV4A and SigV2 are refused; WIRE.md §5.2). */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** SigV4A's algorithm name (ECDSA P-256), recognised so that it can be refused with a clear message. */
export const SIGV4A_ALGORITHM = 'AWS4-ECDSA-P256-SHA256';

/**
 * Request headers keyed by lower-case name. Repeated headers must be passed as arrays (`headersDistinct`):
 * SigV4 joins repeated values with `,` while node's `req.headers` joins them with `, ` (or keeps only the first);
 * `req.headers` itself is right when no name repeats (http/request-headers.ts). Values must be the
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
  /** The credential scope, `date/region/service/aws4_request`. */
  readonly scope: string;
  readonly signedHeaders: readonly string[];
  /** `signedHeaders` joined with `;`, as they appear in the canonical request. */
  readonly signedHeadersValue: string;
  readonly signature: string;
  /** The `X-Amz-Date` value (or the `Date` header rewritten in that form), e.g. `20150830T123600Z`. */
  readonly amzDate: string;
  readonly requestTime: Date;
  /** `X-Amz-Expires`, presigned requests only. */
  readonly expiresSeconds?: number;
  /** `X-Amz-Security-Token` header or query parameter. */
  readonly securityToken?: string | undefined;
}

/**
 * Why a request's SigV4 parameters could not be read. `message` is the wording of IAM and STS; S3 words the same
 * failures differently (`AuthorizationHeaderMalformed`, `AuthorizationQueryParametersError`, …), so the HTTP edge
 * renders S3 errors from `code`, `form` and `detail`.
 * - `IncompleteSignature`: a required element or parameter is missing or not `key=value`;
 * - `MultipleMechanisms`: both an `Authorization` header and presigned parameters;
 * - `MissingDate` / `InvalidDate`: no `X-Amz-Date` (or `Date`), or not `yyyymmddThhmmssZ`;
 * - `UnsupportedAlgorithm`: an unknown scheme; `SigV2`: `AWS AKID:sig` or `?AWSAccessKeyId=…&Signature=…`;
 * - `SigV4A`: `AWS4-ECDSA-P256-SHA256`, which iamd does not verify (WIRE.md §5.2);
 * - `MalformedCredential`: `Credential` is not `AKID/yyyymmdd/region/service/aws4_request`;
 * - `CredentialDateMismatch`: the scope's day is not the day of `X-Amz-Date`;
 * - `InvalidTerminator`: the scope does not end in `aws4_request`;
 * - `InvalidExpires`: `X-Amz-Expires` is not a number of seconds from 1 to 604800.
 */
export type AuthParseErrorCode =
  | 'IncompleteSignature'
  | 'MultipleMechanisms'
  | 'MissingDate'
  | 'InvalidDate'
  | 'UnsupportedAlgorithm'
  | 'SigV2'
  | 'SigV4A'
  | 'MalformedCredential'
  | 'CredentialDateMismatch'
  | 'InvalidTerminator'
  | 'InvalidExpires';

export interface AuthParseError {
  readonly code: AuthParseErrorCode;
  /** Where the request's auth parameters are: the `Authorization` header or the query string. */
  readonly form: 'header' | 'query';
  /** IAM/STS wording; contains the request's own auth parameters, never a secret. */
  readonly message: string;
  /** The offending values, for the errors whose S3 wording names them. */
  readonly detail?: {
    readonly scopeDate?: string;
    readonly requestDate?: string;
    readonly terminator?: string;
  };
}

export type AuthParseResult =
  | { readonly ok: true; readonly auth: ParsedAuthorization }
  | { readonly ok: false; readonly error: AuthParseError };

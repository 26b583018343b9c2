/**
 * @module http/authenticate
 * The authentication step: read the SigV4 parameters, resolve the credentials they name, verify the signature and
 * the credentials' expiry, and produce the caller. Errors use the codes AWS sends (WIRE.md "Checklist of gotchas"
 * 4): no auth → MissingAuthenticationToken, unknown key → InvalidClientTokenId, bad signature →
 * SignatureDoesNotMatch, expired session → ExpiredToken.
 */

import type { AuthDialect } from '../core/accounts/index.js';
import type { Caller } from '../core/authz/index.js';
import { AwsError } from '../core/errors.js';
import type { Services } from '../core/services.js';
import type { AuthMode } from '../operations/index.js';
import {
  type HttpRequestParts,
  type ParsedAuthorization,
  parseAuthorization,
  type SigningKeyCache,
  verifySignature,
} from '../sigv4/index.js';

/** Who called, and what the signature established (for chunk-signature checks of streaming uploads). */
export interface Authenticated {
  readonly caller: Caller;
  readonly auth?: ParsedAuthorization | undefined;
  readonly signingKey?: Uint8Array | undefined;
}

/** Options of one authentication. */
export interface AuthenticateOptions {
  readonly mode: AuthMode;
  readonly dialect: AuthDialect;
  /** The payload hash the canonical request must carry. */
  readonly payloadHash: string;
  /** S3 signs the path as sent; every other service normalizes it. */
  readonly normalizePath: boolean;
  readonly services: Services;
  readonly cache: SigningKeyCache;
  readonly now: Date;
}

const anonymous: Authenticated = { caller: { kind: 'anonymous' } };

/**
 * Authenticates a request.
 *
 * @example
 * const { caller } = await authenticate(parts, { mode: 'required', dialect: 'query', payloadHash, ... });
 */
export async function authenticate(request: HttpRequestParts, options: AuthenticateOptions): Promise<Authenticated> {
  if (options.mode === 'none') return anonymous;
  const parsed = parseAuthorization(request);
  if (parsed === undefined) {
    if (options.mode === 'required') throw new AwsError('MissingAuthenticationToken');
    return anonymous;
  }
  if (!parsed.ok) throw new AwsError('IncompleteSignature', parsed.error.message);
  const auth = parsed.auth;
  const resolved = await options.services.credentials(auth.accessKeyId, auth.securityToken, options.dialect);
  const verified = verifySignature({
    request,
    auth,
    secretAccessKey: resolved.secretAccessKey,
    payloadHash: options.payloadHash,
    normalizePath: options.normalizePath,
    now: options.now,
    cache: options.cache,
  });
  if (!verified.ok) {
    switch (verified.reason) {
      case 'SignatureDoesNotMatch':
      case 'MissingSignedHost':
        throw new AwsError('SignatureDoesNotMatch');
      case 'PresignExpired':
        throw options.dialect === 's3'
          ? new AwsError('AccessDenied', 'Request has expired')
          : new AwsError('RequestExpired', verified.message);
      default:
        throw new AwsError('RequestExpired', verified.message);
    }
  }
  if (resolved.expiresAt !== undefined && resolved.expiresAt.getTime() <= options.now.getTime()) {
    throw new AwsError('ExpiredToken');
  }
  return { caller: resolved.caller, auth, signingKey: verified.signingKey };
}

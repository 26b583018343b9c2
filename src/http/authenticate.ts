/**
 * @module http/authenticate
 * The authentication step: read the SigV4 parameters, check the credential scope names this endpoint's service,
 * resolve the credentials, verify the signature and the credentials' expiry, and produce the caller. Errors use
 * the codes AWS sends (WIRE.md "Checklist of gotchas" 4): no auth → MissingAuthenticationToken, unknown key →
 * InvalidClientTokenId (S3: InvalidAccessKeyId), bad signature → SignatureDoesNotMatch, expired session →
 * ExpiredToken; each dialect's wording comes from {@link parseErrorOf} and {@link verifyErrorOf}.
 */

import type { AuthDialect } from '../core/accounts/index.js';
import { type Caller, isAccountCaller } from '../core/authz/index.js';
import { AwsError, isAwsError } from '../core/errors.js';
import type { Services } from '../core/services.js';
import type { AuthMode } from '../operations/index.js';
import {
  type HttpRequestParts,
  type ParsedAuthorization,
  parseAuthorization,
  type SigningKeyCache,
  verifySignature,
} from '../sigv4/index.js';
import { parseErrorOf, S3DetailedError, scopeServiceError, verifyErrorOf } from './auth-errors.js';

/** Who called, and what the signature established (for chunk-signature checks of streaming uploads). */
export interface Authenticated {
  readonly caller: Caller;
  readonly auth?: ParsedAuthorization | undefined;
  readonly signingKey?: Uint8Array | undefined;
}

/**
 * What authentication learnt before it failed, for the record of a refused request (core/audit/refusals): the
 * signature's region, the key's owner when iamd knows the key, and the caller once the signature verified.
 */
export interface AuthTrace {
  region?: string | undefined;
  presented?: { readonly accessKeyId: string; readonly accountId: string } | undefined;
  caller?: Caller | undefined;
}

/** Options of one authentication. */
export interface AuthenticateOptions {
  readonly mode: AuthMode;
  readonly dialect: AuthDialect;
  /**
   * The service the endpoint serves, which the credential scope must name (`s3`). Query handlers leave it out:
   * the router picked their service from the scope itself.
   */
  readonly service?: string | undefined;
  /** The payload hash the canonical request must carry. */
  readonly payloadHash: string;
  /** S3 signs the path as sent; every other service normalizes it. */
  readonly normalizePath: boolean;
  readonly services: Services;
  readonly cache: SigningKeyCache;
  readonly now: Date;
  /** Filled in as authentication goes, so a refusal can be recorded with what was established. */
  readonly trace?: AuthTrace | undefined;
}

const anonymous: Authenticated = { caller: { kind: 'anonymous' } };

/** Looks the key up; S3 names the unknown key in its error document. */
async function credentialsOf(auth: ParsedAuthorization, options: AuthenticateOptions) {
  try {
    return await options.services.credentials(auth.accessKeyId, auth.securityToken, options.dialect);
  } catch (error) {
    if (options.dialect === 's3' && isAwsError(error) && error.code === 'InvalidClientTokenId') {
      throw new S3DetailedError('InvalidClientTokenId', undefined, [['AWSAccessKeyId', auth.accessKeyId]]);
    }
    throw error;
  }
}

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
  if (!parsed.ok) throw parseErrorOf(parsed.error, options.dialect);
  const auth = parsed.auth;
  const trace = options.trace;
  if (trace) trace.region = auth.region;
  const misScoped = scopeServiceError(auth, options.service, options.dialect);
  if (misScoped) throw misScoped;
  const resolved = await credentialsOf(auth, options);
  if (trace && isAccountCaller(resolved.caller)) {
    trace.presented = { accessKeyId: auth.accessKeyId, accountId: resolved.caller.accountId };
  }
  const verified = verifySignature({
    request,
    auth,
    secretAccessKey: resolved.secretAccessKey,
    payloadHash: options.payloadHash,
    normalizePath: options.normalizePath,
    now: options.now,
    cache: options.cache,
  });
  if (!verified.ok) throw verifyErrorOf(verified, auth, options.dialect, options.now);
  if (trace) trace.caller = resolved.caller;
  if (resolved.expiresAt !== undefined && resolved.expiresAt.getTime() <= options.now.getTime()) {
    throw new AwsError('ExpiredToken');
  }
  return { caller: resolved.caller, auth, signingKey: verified.signingKey };
}

/**
 * @module core/federation/web-identity-token
 * Verifies the OpenID Connect ID token of an AssumeRoleWithWebIdentity request (STS API reference,
 * AssumeRoleWithWebIdentity; IAM User Guide, "Create an OpenID Connect (OIDC) identity provider in IAM" and
 * "Available keys for AWS OIDC federation"): the `iss` claim names an OIDC provider registered in the role's
 * account, the signature verifies with a key of that issuer's JWKS under an asymmetric algorithm, the token is
 * within its lifetime, and one of its audiences is a client id of the provider.
 */

import { decodeJwt, errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';
import type { IdentityProviderRecord, Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Clock, OidcKeySource } from '../ports.js';

/**
 * The algorithms AWS accepts for ID tokens: RSA and ECDSA signatures. `none` and the HMAC family are refused: an
 * HMAC "signature" keyed with the issuer's public key is the classic forgery.
 */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
/** Leeway for clocks that disagree about `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** The claim session tags come in (IAM User Guide, "Passing session tags using AssumeRoleWithWebIdentity"). */
const TAGS_CLAIM = 'https://aws.amazon.com/tags';
/** The claim a source identity comes in (IAM User Guide, "Monitor and control actions taken with assumed roles"). */
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';
/** SourceIdentity's constraints (STS model, `sourceIdentityType`). */
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

/** What a verified token says, as AssumeRoleWithWebIdentity and the trust policy use it. */
export interface WebIdentity {
  /** The `iss` claim as the token carries it (returned as `Provider`). */
  readonly issuer: string;
  /** The issuer without its scheme: the provider's name in IAM and the prefix of its condition keys. */
  readonly providerUrl: string;
  /** `arn:aws:iam::<account>:oidc-provider/<providerUrl>`: the trust policy's `Federated` principal. */
  readonly providerArn: string;
  readonly subject: string;
  /** The audience that matched one of the provider's client ids (returned as `Audience`). */
  readonly audience: string;
  /** `amr`, when the token has it. */
  readonly amr: readonly string[] | undefined;
  /** Session tags from the `https://aws.amazon.com/tags` claim. */
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  /** From the `https://aws.amazon.com/source_identity` claim, when the token has it. */
  readonly sourceIdentity: string | undefined;
}

/** What token verification needs. */
export interface WebIdentityDeps {
  readonly keys: OidcKeySource;
  readonly clock: Clock;
  /** The identity provider with this ARN, if the account has it. */
  readonly provider: (arn: string) => Promise<IdentityProviderRecord | undefined>;
}

const invalid = (message: string) => new AwsError('InvalidIdentityToken', message);

/** The unverified `iss`, enough to find the provider and its keys; a token that is not a JWT ends here. */
function issuerOf(token: string): string {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    throw invalid('The ID token provided is not a valid JWT.');
  }
  if (typeof payload.iss !== 'string' || payload.iss === '') throw invalid('The ID token has no issuer (iss).');
  return payload.iss;
}

/** The provider name IAM files an issuer under: no scheme, no trailing slash. */
export function providerUrlOf(issuer: string): string {
  return issuer.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/** Turns jose's verification failures into STS's errors; anything else (an AwsError from the key source) passes. */
function translate(error: unknown, now: Date): unknown {
  if (error instanceof AwsError) return error;
  if (error instanceof joseErrors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? new Date(error.payload.exp * 1000).toISOString() : 'unknown';
    return new AwsError(
      'ExpiredTokenException',
      `Token expired: current date/time ${now.toISOString()} must be before the expiration date/time ${exp}`,
    );
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return invalid(`The ID token's ${error.claim} claim is not valid: ${error.reason}.`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported) {
    return invalid(`The ID token's signing algorithm is not accepted; use one of ${ALGORITHMS.join(', ')}.`);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return invalid("No key of the identity provider's JWKS matches the ID token's key id (kid).");
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return invalid('The ID token signature is not valid.');
  if (error instanceof joseErrors.JOSEError) return invalid(`The ID token could not be verified (${error.code}).`);
  return error;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Session tags from the tags claim: `{ principal_tags: { key: [value] }, transitive_tag_keys: [key] }`. */
function tagsOf(payload: JWTPayload): { tags: Tag[]; transitiveTagKeys: string[] } {
  const claim = payload[TAGS_CLAIM];
  if (claim === undefined) return { tags: [], transitiveTagKeys: [] };
  if (typeof claim !== 'object' || claim === null) throw invalid(`The ${TAGS_CLAIM} claim must be an object.`);
  const { principal_tags: principalTags, transitive_tag_keys: transitive } = claim as Record<string, unknown>;
  const tags: Tag[] = [];
  if (principalTags !== undefined) {
    if (typeof principalTags !== 'object' || principalTags === null) {
      throw invalid(`principal_tags in the ${TAGS_CLAIM} claim must be an object.`);
    }
    for (const [key, values] of Object.entries(principalTags)) {
      const list = stringList(values);
      // "Each tag value must be in an array of one string" (IAM User Guide, session tags from an OIDC IdP).
      if (list?.length !== 1) throw invalid(`The session tag ${key} must have exactly one string value.`);
      tags.push({ Key: key, Value: list[0]! });
    }
  }
  const transitiveTagKeys = transitive === undefined ? [] : stringList(transitive);
  if (transitiveTagKeys === undefined) throw invalid(`transitive_tag_keys in the ${TAGS_CLAIM} claim must be strings.`);
  return { tags, transitiveTagKeys };
}

/**
 * Verifies `token` for a role in `accountId` and returns what it establishes, or throws `InvalidIdentityToken`,
 * `ExpiredTokenException` or `IDPCommunicationError` as STS does.
 *
 * @example
 * const identity = await verifyWebIdentityToken(deps, token, '111122223333');
 * identity.providerArn; // 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
 */
export async function verifyWebIdentityToken(
  deps: WebIdentityDeps,
  token: string,
  accountId: string,
): Promise<WebIdentity> {
  const issuer = issuerOf(token);
  const providerUrl = providerUrlOf(issuer);
  const providerArn = `arn:aws:iam::${accountId}:oidc-provider/${providerUrl}`;
  const provider = await deps.provider(providerArn);
  if (provider?.kind !== 'oidc') throw invalid(`No OpenIDConnect provider found in your account for ${issuer}`);

  const now = deps.clock.now();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, deps.keys.keysFor(issuer), {
      algorithms: ALGORITHMS,
      issuer,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'aud', 'exp', 'iat'],
    }));
  } catch (error) {
    throw translate(error, now);
  }
  // jose checks `iat` only against a maximum age; a token issued in the future is not valid yet.
  if (typeof payload.iat !== 'number' || payload.iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
    throw invalid('The ID token was issued in the future (iat).');
  }
  const clientIds = new Set(provider.clientIds ?? []);
  const audience = stringList(payload.aud)?.find((aud) => clientIds.has(aud));
  if (audience === undefined) throw invalid('Incorrect token audience');
  if (typeof payload.sub !== 'string' || payload.sub.length < 6 || payload.sub.length > 255) {
    // SubjectFromWebIdentityToken is 6–255 characters (STS model).
    throw invalid('The ID token subject (sub) must be a string of 6 to 255 characters.');
  }
  const sourceIdentity = payload[SOURCE_IDENTITY_CLAIM];
  if (sourceIdentity !== undefined && (typeof sourceIdentity !== 'string' || !SOURCE_IDENTITY.test(sourceIdentity))) {
    throw invalid(`The ${SOURCE_IDENTITY_CLAIM} claim must be 2 to 64 characters of [\\w+=,.@-].`);
  }
  return {
    issuer,
    providerUrl,
    providerArn,
    subject: payload.sub,
    audience,
    amr: stringList(payload['amr']),
    ...tagsOf(payload),
    sourceIdentity,
  };
}

/**
 * @module core/keyring/session-token
 * Self-contained session tokens: the session's claims (including its secret key) sealed under a keyring key
 * (AES-256-CTR and HMAC-SHA-256, core/keyring/token-sealer). The token is `base64(format[1] | keyId[4] | sealed
 * claims)`. Nothing is stored per session.
 */

import type { Keyring } from './keyring.js';

/** Fields every session token carries. Short names keep tokens small (they travel on every request). */
interface ClaimsBase {
  readonly v: 1;
  /** The temporary access key id (`ASIA…`) this token belongs to. */
  readonly akid: string;
  /** The temporary secret access key. */
  readonly sk: string;
  readonly acct: string;
  /** Issue and expiry times, epoch seconds. */
  readonly iat: number;
  readonly exp: number;
  /** Inline session policy and managed session policy ARNs. */
  readonly policy?: string | undefined;
  readonly policyArns?: readonly string[] | undefined;
  readonly tags?: readonly (readonly [string, string])[] | undefined;
  /** Keys of `tags` that pass on to sessions this one assumes (role chaining). */
  readonly transitive?: readonly string[] | undefined;
  readonly sourceIdentity?: string | undefined;
  /** Whether MFA was presented when the session was created, and when (epoch seconds). */
  readonly mfa?: boolean | undefined;
  readonly mfaAt?: number | undefined;
}

/** A role session (AssumeRole and the credential endpoints). */
export interface RoleSessionClaims extends ClaimsBase {
  readonly kind: 'assumed-role';
  readonly roleId: string;
  /** Role ARN with path. */
  readonly roleArn: string;
  readonly roleName: string;
  readonly session: string;
}

/** A GetSessionToken session: the user (or root, without `user`) itself, temporarily. */
export interface UserSessionClaims extends ClaimsBase {
  readonly kind: 'user-session';
  /** The IAM user name; absent for the root user. */
  readonly user?: string | undefined;
  /** The user's unique id (`AIDA…`), so a re-created user of the same name does not inherit the session. */
  readonly userId?: string | undefined;
}

/** A GetFederationToken session. */
export interface FederatedUserClaims extends ClaimsBase {
  readonly kind: 'federated-user';
  /** The federated user's name (`Name`). */
  readonly name: string;
  /** The IAM user that called GetFederationToken; absent for the root user. */
  readonly user?: string | undefined;
  readonly userId?: string | undefined;
}

/** What a session token carries. */
export type SessionClaims = RoleSessionClaims | UserSessionClaims | FederatedUserClaims;

/** Claims format (the `v` inside); unchanged by the token format. */
const CLAIMS_VERSION = 1;
/** Token formats: 1 sealed the claims with AES-256-GCM (still opened, so sessions survive an upgrade); 2 is sealed by
 * core/keyring/token-sealer. */
const GCM_FORMAT = 1;
const FORMAT = 2;
const HEADER_BYTES = 5;
const GCM_AAD = 'iamd-session-token-v1';

/**
 * Seals claims into a session token with the keyring's active key: `base64(format[1] | keyId[4] | counter[16] |
 * ciphertext | tag[16])`.
 *
 * @example
 * const token = sealSessionToken(keyring, claims);
 */
export function sealSessionToken(keyring: Keyring, claims: SessionClaims): string {
  const { keyId, tokens } = keyring.active;
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header[0] = FORMAT;
  if (header.write(keyId, 1, 'hex') !== 4) throw new Error(`Keyring key id ${keyId} is not 4 bytes of hex`);
  return tokens.seal(JSON.stringify(claims), header);
}

/**
 * Opens a session token presented with `accessKeyId`. Returns `undefined` for anything that is not a token this
 * keyring sealed for that key id (wrong key id, tampering, unknown keyring key, garbage).
 */
export function openSessionToken(keyring: Keyring, token: string, accessKeyId: string): SessionClaims | undefined {
  const raw = Buffer.from(token, 'base64');
  if (raw.length <= HEADER_BYTES) return undefined;
  const key = keyring.find(raw.subarray(1, HEADER_BYTES).toString('hex'));
  if (!key) return undefined;
  let plain: string | undefined;
  if (raw[0] === FORMAT) plain = key.tokens.open(raw, HEADER_BYTES);
  else if (raw[0] === GCM_FORMAT) {
    plain = key.sealer.open(raw.subarray(HEADER_BYTES), `${GCM_AAD}:${accessKeyId}`)?.toString('utf8');
  }
  if (plain === undefined) return undefined;
  try {
    const claims = JSON.parse(plain) as SessionClaims;
    // The claims name their access key id: a token presented with another key id is refused (format 1 also bound
    // it as associated data).
    return claims.v === CLAIMS_VERSION && claims.akid === accessKeyId ? claims : undefined;
  } catch {
    return undefined;
  }
}

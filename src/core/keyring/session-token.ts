/**
 * @module core/keyring/session-token
 * Self-contained session tokens: the session's claims (including its secret key) sealed with AES-256-GCM under a
 * keyring key. The token is `base64(version[1] | keyId[4] | sealed claims)`. Nothing is stored per session.
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

const VERSION = 1;
const AAD = 'iamd-session-token-v1';

/**
 * Seals claims into a session token with the keyring's active key.
 *
 * @example
 * const token = sealSessionToken(keyring, claims);
 */
export function sealSessionToken(keyring: Keyring, claims: SessionClaims): string {
  const { keyId, sealer } = keyring.active;
  const header = Buffer.allocUnsafe(5);
  header[0] = VERSION;
  if (header.write(keyId, 1, 'hex') !== 4) throw new Error(`Keyring key id ${keyId} is not 4 bytes of hex`);
  return sealer.seal(JSON.stringify(claims), `${AAD}:${claims.akid}`, header).toString('base64');
}

/**
 * Opens a session token presented with `accessKeyId`. Returns `undefined` for anything that is not a token this
 * keyring sealed for that key id (wrong key id, tampering, unknown keyring key, garbage).
 */
export function openSessionToken(keyring: Keyring, token: string, accessKeyId: string): SessionClaims | undefined {
  const raw = Buffer.from(token, 'base64');
  if (raw.length < 6 || raw[0] !== VERSION) return undefined;
  const sealer = keyring.find(raw.subarray(1, 5).toString('hex'));
  const plain = sealer?.open(raw.subarray(5), `${AAD}:${accessKeyId}`);
  if (!plain) return undefined;
  try {
    const claims = JSON.parse(plain.toString('utf8')) as SessionClaims;
    return claims.v === VERSION && claims.akid === accessKeyId ? claims : undefined;
  } catch {
    return undefined;
  }
}

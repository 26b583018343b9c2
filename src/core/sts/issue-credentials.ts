/**
 * @module core/sts/issue-credentials
 * Mints temporary credentials: an `ASIA…` key id encoding the account, a fresh secret, and the session token that
 * seals both with the session's claims.
 */

import { mintAccessKeyId, mintSecretAccessKey } from '../../ids/index.js';
import type { Sts } from '../../shapes/index.js';
import type { Keyring } from '../keyring/keyring.js';
import { type SessionClaims, sealSessionToken } from '../keyring/session-token.js';
import type { Clock, Random } from '../ports.js';

/** The claim fields every session shares, filled in by {@link issueCredentials}. */
type MintedFields = 'v' | 'akid' | 'sk' | 'acct' | 'iat' | 'exp';

/** A session description without the minted fields. */
export type SessionDescription = SessionClaims extends infer C
  ? C extends SessionClaims
    ? Omit<C, MintedFields>
    : never
  : never;

/**
 * Issues credentials for `accountId` valid for `durationSeconds`.
 *
 * @example
 * const { credentials } = issueCredentials(deps, '000000000000', 3600, { kind: 'user-session', user: 'bob', userId });
 */
export function issueCredentials(
  deps: { keyring: Keyring; clock: Clock; random: Random },
  accountId: string,
  durationSeconds: number,
  session: SessionDescription,
): { claims: SessionClaims; credentials: Sts.Credentials } {
  const iat = Math.floor(deps.clock.now().getTime() / 1000);
  // One draw for the key id (10 bytes) and the secret (30): each draw is a copy out of the random source.
  const random = deps.random.bytes(40);
  // Object.assign, not `{ ...session, v, … }`: V8 adds the keys that follow a spread one at a time on a slow path,
  // which cost a mint several microseconds.
  const claims = Object.assign({}, session, {
    v: 1,
    akid: mintAccessKeyId('ASIA', accountId, random.subarray(0, 10)),
    sk: mintSecretAccessKey(random.subarray(10, 40)),
    acct: accountId,
    iat,
    exp: iat + durationSeconds,
  }) as SessionClaims;
  return {
    claims,
    credentials: {
      AccessKeyId: claims.akid,
      SecretAccessKey: claims.sk,
      SessionToken: sealSessionToken(deps.keyring, claims),
      Expiration: new Date(claims.exp * 1000),
    },
  };
}

/**
 * @module core/accounts/credential-resolver
 * Turns the access key id (and session token) of a signed request into the caller and the secret to verify the
 * signature with. Long-term keys (`AKIA…`) come from the store, their secrets sealed by the master key; temporary
 * keys (`ASIA…`) are self-contained in their session token. Expiry is checked by the caller of this module, after the
 * signature, so a forged request learns nothing about a token.
 */

import type { AccountCaller } from '../authz/caller.js';
import { AwsError } from '../errors.js';
import type { Keyring } from '../keyring/keyring.js';
import { openText, type Sealer } from '../keyring/sealer.js';
import { openSessionToken } from '../keyring/session-token.js';
import type { CredentialCache } from './credential-cache.js';
import type { ResolvedCredentials } from './resolved-credentials.js';
import { callerOfSession } from './session-caller.js';

export type { ResolvedCredentials } from './resolved-credentials.js';
import type { AccountStore, IamStore } from '../ports.js';

/** Which wire dialect the error must be chosen for: S3 distinguishes a bad token (`InvalidToken`). */
export type AuthDialect = 'query' | 's3';

/** Resolves credentials of signed requests. */
export type CredentialResolver = (
  accessKeyId: string,
  securityToken: string | undefined,
  dialect: AuthDialect,
) => Promise<ResolvedCredentials>;

/** The seal context of a long-term secret: bound to its key id so a sealed secret cannot be moved to another key. */
export const accessKeySealContext = (accessKeyId: string): string => `iamd-access-key-v1:${accessKeyId}`;

/**
 * Creates the resolver.
 *
 * @example
 * const resolve = createCredentialResolver({ accounts, iam, master, keyring });
 * const { caller, secretAccessKey } = await resolve('AKIA…', undefined, 'query');
 */
export function createCredentialResolver(deps: {
  accounts: AccountStore;
  iam: IamStore;
  master: Sealer;
  keyring: Keyring;
  cache?: CredentialCache | undefined;
}): CredentialResolver {
  const invalid = () => new AwsError('InvalidClientTokenId');
  const resolve: CredentialResolver = async (accessKeyId, securityToken, dialect) => {
    if (accessKeyId.startsWith('ASIA')) {
      if (securityToken === undefined || securityToken === '') throw invalid();
      const claims = openSessionToken(deps.keyring, securityToken, accessKeyId);
      if (!claims) throw dialect === 's3' ? new AwsError('InvalidToken') : invalid();
      const caller = await callerOfSession(deps.iam, claims);
      if (!caller) throw invalid();
      return { caller, secretAccessKey: claims.sk, expiresAt: new Date(claims.exp * 1000) };
    }
    // A session token sent with a long-term key is rejected, as STS does.
    if (securityToken !== undefined && securityToken !== '')
      throw dialect === 's3' ? new AwsError('InvalidToken') : invalid();
    const key = await deps.accounts.findAccessKey(accessKeyId);
    if (key?.status !== 'Active') throw invalid();
    const secretAccessKey = openText(deps.master, key.secretCiphertext, accessKeySealContext(accessKeyId));
    if (secretAccessKey === undefined) throw invalid();
    if (key.userName === undefined) {
      const caller: AccountCaller = {
        kind: 'root',
        accountId: key.accountId,
        arn: `arn:aws:iam::${key.accountId}:root`,
        userId: key.accountId,
        accessKeyId,
      };
      return { caller, secretAccessKey };
    }
    const user = await deps.iam.getUser(key.accountId, key.userName);
    if (!user) throw invalid();
    const caller: AccountCaller = {
      kind: 'user',
      accountId: user.accountId,
      arn: user.arn,
      userId: user.userId,
      userName: user.userName,
      tags: user.tags,
      permissionsBoundaryArn: user.permissionsBoundaryArn,
      accessKeyId,
    };
    return { caller, secretAccessKey };
  };
  const cache = deps.cache;
  if (!cache) return resolve;
  return async (accessKeyId, securityToken, dialect) => {
    const hit = cache.get(accessKeyId, securityToken);
    if (hit) return hit;
    const resolved = await resolve(accessKeyId, securityToken, dialect);
    cache.set(accessKeyId, securityToken, resolved);
    return resolved;
  };
}

/**
 * @module core/accounts/session-caller
 * Turns the claims of a session token into the caller they stand for. GetSessionToken and GetFederationToken
 * sessions name their user; if that user was deleted (or re-created under the same name, with a new unique id),
 * the session is no longer valid.
 */

import type { AccountCaller, SessionPolicies } from '../authz/caller.js';
import type { SessionClaims } from '../keyring/session-token.js';
import type { IamStore } from '../ports.js';

const toDate = (epochSeconds: number | undefined) =>
  epochSeconds === undefined ? undefined : new Date(epochSeconds * 1000);

function sessionPolicies(claims: SessionClaims): SessionPolicies | undefined {
  return claims.policy !== undefined || claims.policyArns?.length
    ? { inline: claims.policy, arns: claims.policyArns ?? [] }
    : undefined;
}

/**
 * The caller a valid token stands for, or `undefined` when the user behind a user or federated session is gone.
 *
 * @example
 * const caller = await callerOfSession(iam, claims);
 */
export async function callerOfSession(iam: IamStore, claims: SessionClaims): Promise<AccountCaller | undefined> {
  const issuedAt = new Date(claims.iat * 1000);
  const expiresAt = new Date(claims.exp * 1000);
  const sessionTags = (claims.tags ?? []).map(([Key, Value]) => ({ Key, Value }));
  const mfaAuthenticated = claims.mfa === true;
  const rootArn = `arn:aws:iam::${claims.acct}:root`;
  const parent =
    claims.kind === 'assumed-role' || claims.user === undefined
      ? undefined
      : await iam.getUser(claims.acct, claims.user);
  if (claims.kind !== 'assumed-role' && claims.user !== undefined && parent?.userId !== claims.userId) return undefined;

  switch (claims.kind) {
    case 'assumed-role':
      return {
        kind: 'assumed-role',
        accountId: claims.acct,
        arn: `arn:aws:sts::${claims.acct}:assumed-role/${claims.roleName}/${claims.session}`,
        userId: `${claims.roleId}:${claims.session}`,
        roleArn: claims.roleArn,
        roleId: claims.roleId,
        roleName: claims.roleName,
        sessionName: claims.session,
        accessKeyId: claims.akid,
        issuedAt,
        expiresAt,
        sessionPolicies: sessionPolicies(claims),
        sessionTags,
        transitiveTagKeys: claims.transitive ?? [],
        sourceIdentity: claims.sourceIdentity,
        mfaAuthenticated,
        mfaAt: toDate(claims.mfaAt),
      };
    case 'user-session': {
      const session = { issuedAt, expiresAt, mfaAuthenticated, mfaAt: toDate(claims.mfaAt) };
      if (!parent)
        return {
          kind: 'root',
          accountId: claims.acct,
          arn: rootArn,
          userId: claims.acct,
          accessKeyId: claims.akid,
          session,
        };
      return {
        kind: 'user',
        accountId: parent.accountId,
        arn: parent.arn,
        userId: parent.userId,
        userName: parent.userName,
        tags: parent.tags,
        permissionsBoundaryArn: parent.permissionsBoundaryArn,
        accessKeyId: claims.akid,
        session,
      };
    }
    case 'federated-user':
      return {
        kind: 'federated-user',
        accountId: claims.acct,
        arn: `arn:aws:sts::${claims.acct}:federated-user/${claims.name}`,
        userId: `${claims.acct}:${claims.name}`,
        name: claims.name,
        parentUserName: parent?.userName,
        parentUserId: parent?.userId,
        parentArn: parent?.arn ?? rootArn,
        accessKeyId: claims.akid,
        issuedAt,
        expiresAt,
        sessionPolicies: sessionPolicies(claims),
        sessionTags,
        mfaAuthenticated,
      };
  }
}

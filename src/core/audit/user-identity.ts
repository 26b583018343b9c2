/**
 * @module core/audit/user-identity
 * The `userIdentity` block of a record, from the resolved caller (CloudTrail User Guide, "CloudTrail userIdentity
 * element"): `Root`, `IAMUser`, `AssumedRole` with its `sessionIssuer`, `FederatedUser`, `AWSService`, and
 * `AWSAccount` with account `anonymous` for unsigned S3 requests.
 */

import type { Caller, TemporarySession } from '../authz/index.js';
import { isoSeconds, perSecond } from '../time-text.js';
import type { SessionContext, UserIdentity, Writable } from './audit-event.js';

/** CloudTrail's timestamp form: ISO 8601 to the second, UTC (remembered per second: most requests share theirs). */
export const cloudTrailTime: (date: Date) => string = perSecond(isoSeconds);

function attributes(issuedAt: Date, mfaAuthenticated: boolean): SessionContext['attributes'] {
  return { creationDate: cloudTrailTime(issuedAt), mfaAuthenticated: mfaAuthenticated ? 'true' : 'false' };
}

/** Adds the `sessionContext` of an MFA-bearing session (GetSessionToken) to a root or user identity. */
function withSession(identity: Writable<UserIdentity>, session: TemporarySession | undefined): UserIdentity {
  if (!session) return identity;
  identity.sessionContext = {
    attributes: attributes(session.issuedAt, session.mfaAuthenticated),
  };
  return identity;
}

/**
 * The `userIdentity` of a request made by `caller`.
 *
 * @example
 * userIdentityOf({ kind: 'anonymous' }); // { type: 'AWSAccount', principalId: '', accountId: 'anonymous' }
 */
export function userIdentityOf(caller: Caller): UserIdentity {
  switch (caller.kind) {
    case 'root':
      return withSession(
        {
          type: 'Root',
          principalId: caller.accountId,
          arn: caller.arn,
          accountId: caller.accountId,
          accessKeyId: caller.accessKeyId,
        },
        caller.session,
      );
    case 'user':
      return withSession(
        {
          type: 'IAMUser',
          principalId: caller.userId,
          arn: caller.arn,
          accountId: caller.accountId,
          accessKeyId: caller.accessKeyId,
          userName: caller.userName,
        },
        caller.session,
      );
    case 'assumed-role': {
      const sessionContext: Writable<SessionContext> = {
        sessionIssuer: {
          type: 'Role',
          principalId: caller.roleId,
          arn: caller.roleArn,
          accountId: caller.accountId,
          userName: caller.roleName,
        },
        webIdFederationData: {},
        attributes: attributes(caller.issuedAt, caller.mfaAuthenticated),
      };
      if (caller.sourceIdentity !== undefined) sessionContext.sourceIdentity = caller.sourceIdentity;
      return {
        type: 'AssumedRole',
        principalId: caller.userId,
        arn: caller.arn,
        accountId: caller.accountId,
        accessKeyId: caller.accessKeyId,
        sessionContext,
      };
    }
    case 'federated-user':
      return {
        type: 'FederatedUser',
        principalId: caller.userId,
        arn: caller.arn,
        accountId: caller.accountId,
        accessKeyId: caller.accessKeyId,
        sessionContext: {
          sessionIssuer:
            caller.parentUserName === undefined
              ? { type: 'Root', principalId: caller.accountId, arn: caller.parentArn, accountId: caller.accountId }
              : {
                  type: 'IAMUser',
                  principalId: caller.parentUserId ?? '',
                  arn: caller.parentArn,
                  accountId: caller.accountId,
                  userName: caller.parentUserName,
                },
          attributes: attributes(caller.issuedAt, caller.mfaAuthenticated),
        },
      };
    case 'service':
      return { type: 'AWSService', invokedBy: caller.serviceName };
    case 'anonymous':
      return { type: 'AWSAccount', principalId: '', accountId: 'anonymous' };
  }
}

/** LookupEvents' `Username` of a caller: the user name, role session name, federated name, or `root`. */
export function usernameOf(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'root':
      return 'root';
    case 'user':
      return caller.userName;
    case 'assumed-role':
      return caller.sessionName;
    case 'federated-user':
      return caller.name;
    case 'service':
      return caller.serviceName;
    case 'anonymous':
      return undefined;
  }
}

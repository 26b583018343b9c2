/**
 * @module core/authz/session-restrictions
 * What some temporary credentials may never do, whatever their policies say (STS API reference,
 * GetSessionToken and GetFederationToken; IAM User Guide, "Comparing the AWS STS API operations"):
 * - GetFederationToken sessions cannot call IAM, and of STS only GetCallerIdentity.
 * - GetSessionToken sessions cannot call IAM unless MFA was presented, and of STS only AssumeRole and
 *   GetCallerIdentity.
 */

import type { Caller } from './caller.js';

const STS_FOR_USER_SESSIONS = new Set(['sts:assumerole', 'sts:getcalleridentity']);

/**
 * Why `caller` may not perform `action` regardless of policies, or `undefined` when nothing forbids it.
 *
 * @example
 * sessionRestriction(federatedCaller, 'iam:ListRoles'); // 'federated user sessions cannot call IAM'
 */
export function sessionRestriction(caller: Caller, action: string): string | undefined {
  const lower = action.toLowerCase();
  const service = lower.slice(0, lower.indexOf(':'));
  if (caller.kind === 'federated-user') {
    if (service === 'iam') return 'GetFederationToken sessions cannot call IAM';
    if (service === 'sts' && lower !== 'sts:getcalleridentity') {
      return 'GetFederationToken sessions can call only GetCallerIdentity of STS';
    }
    return undefined;
  }
  if ((caller.kind === 'user' || caller.kind === 'root') && caller.session) {
    if (service === 'iam' && !caller.session.mfaAuthenticated) {
      return 'GetSessionToken sessions created without MFA cannot call IAM';
    }
    if (service === 'sts' && !STS_FOR_USER_SESSIONS.has(lower)) {
      return 'GetSessionToken sessions can call only AssumeRole and GetCallerIdentity of STS';
    }
  }
  return undefined;
}

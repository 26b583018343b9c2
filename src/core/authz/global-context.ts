/**
 * @module core/authz/global-context
 * The global condition keys of a request (IAM User Guide, "AWS global condition context keys"), with the presence
 * rules of IAM-SEMANTICS.md §4.15: e.g. `aws:MultiFactorAuthPresent` and `aws:TokenIssueTime` exist only for
 * temporary credentials, `aws:username` only for IAM users.
 */

import type { ContextValue } from '../../policy/index.js';
import type { Tag } from '../entities.js';
import { isoSeconds, perSecond } from '../time-text.js';
import type { Caller } from './caller.js';
import type { RequestFacts } from './request-facts.js';

/** `aws:CurrentTime` of each request, remembered per second (most requests share theirs with the one before). */
const currentTime = perSecond(isoSeconds);

/**
 * Keys that exist only for temporary credentials: `aws:TokenIssueTime`, `aws:MultiFactorAuthPresent`, and
 * `aws:MultiFactorAuthAge` (seconds since MFA, only when MFA was used).
 */
function sessionKeys(
  session: { issuedAt: Date; mfaAuthenticated: boolean; mfaAt?: Date | undefined },
  now: Date,
): Record<string, string | undefined> {
  return {
    'aws:TokenIssueTime': isoSeconds(session.issuedAt),
    'aws:MultiFactorAuthPresent': String(session.mfaAuthenticated),
    'aws:MultiFactorAuthAge':
      session.mfaAuthenticated && session.mfaAt
        ? String(Math.max(0, Math.floor((now.getTime() - session.mfaAt.getTime()) / 1000)))
        : undefined,
  };
}

/** Principal tags: for role sessions the role's tags overlaid by session tags (session wins, keys case-insensitive). */
export function principalTags(caller: Caller, roleTags: readonly Tag[]): readonly Tag[] {
  if (caller.kind === 'user') return caller.tags;
  if (caller.kind === 'federated-user') return caller.sessionTags;
  if (caller.kind !== 'assumed-role') return [];
  const merged = new Map<string, Tag>();
  for (const tag of roleTags) merged.set(tag.Key.toLowerCase(), tag);
  for (const tag of caller.sessionTags) merged.set(tag.Key.toLowerCase(), tag);
  return [...merged.values()];
}

/**
 * Builds the global keys for `caller`. Absent keys are left out (never set to empty strings).
 *
 * @example
 * buildGlobalContext(caller, facts, tags)['aws:PrincipalArn'];
 */
export function buildGlobalContext(
  caller: Caller,
  facts: RequestFacts,
  tags: readonly Tag[],
): Record<string, ContextValue | undefined> {
  const context: Record<string, ContextValue | undefined> = {
    'aws:CurrentTime': currentTime(facts.time),
    'aws:EpochTime': String(Math.floor(facts.time.getTime() / 1000)),
    'aws:SecureTransport': String(facts.secureTransport),
    'aws:SourceIp': facts.sourceIp,
    'aws:UserAgent': facts.userAgent,
    'aws:RequestedRegion': facts.region,
    'aws:ViaAWSService': 'false',
  };
  for (const tag of tags) context[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
  switch (caller.kind) {
    case 'root':
      Object.assign(context, {
        'aws:PrincipalArn': caller.arn,
        'aws:PrincipalAccount': caller.accountId,
        'aws:PrincipalType': 'Account',
        'aws:userid': caller.userId,
      });
      if (caller.session) Object.assign(context, sessionKeys(caller.session, facts.time));
      break;
    case 'user':
      Object.assign(context, {
        'aws:PrincipalArn': caller.arn,
        'aws:PrincipalAccount': caller.accountId,
        'aws:PrincipalType': 'User',
        'aws:userid': caller.userId,
        'aws:username': caller.userName,
      });
      if (caller.session) Object.assign(context, sessionKeys(caller.session, facts.time));
      break;
    case 'federated-user':
      Object.assign(context, {
        'aws:PrincipalArn': caller.arn,
        'aws:PrincipalAccount': caller.accountId,
        'aws:PrincipalType': 'FederatedUser',
        'aws:userid': caller.userId,
        ...sessionKeys(caller, facts.time),
      });
      break;
    case 'assumed-role':
      Object.assign(context, {
        'aws:PrincipalArn': caller.roleArn,
        'aws:PrincipalAccount': caller.accountId,
        'aws:PrincipalType': 'AssumedRole',
        'aws:userid': caller.userId,
        'aws:SourceIdentity': caller.sourceIdentity,
        ...sessionKeys(caller, facts.time),
      });
      break;
    case 'service':
      Object.assign(context, {
        'aws:PrincipalIsAWSService': 'true',
        'aws:PrincipalServiceName': caller.serviceName,
      });
      break;
    case 'anonymous':
      Object.assign(context, { 'aws:PrincipalType': 'Anonymous', 'aws:userid': 'anonymous' });
      break;
  }
  return context;
}

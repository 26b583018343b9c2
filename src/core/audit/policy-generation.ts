/**
 * @module core/audit/policy-generation
 * Least privilege from activity, like IAM Access Analyzer's policy generation: the actions a role's sessions were
 * allowed, on the resources they were allowed on. Resources are generalised only where several of them share a
 * parent (`arn:aws:s3:::bucket/logs/a` and `…/logs/b` become `arn:aws:s3:::bucket/logs/*`); a resource used alone
 * stays exact, so the policy grants nothing the role did not use.
 */

import type { AuditEvent } from './audit-event.js';

/** An IAM policy document. */
export interface GeneratedPolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly { Effect: 'Allow'; Action: string | string[]; Resource: string | string[] }[];
}

/** True when the event was made by a session of `roleName` in `accountId` and is recorded in that account. */
function isRoleSession(event: AuditEvent, accountId: string, roleName: string): boolean {
  const issuer = event.record.userIdentity.sessionContext?.sessionIssuer;
  return (
    event.record.userIdentity.type === 'AssumedRole' &&
    issuer?.accountId === accountId &&
    event.accountId === accountId &&
    issuer.userName?.toLowerCase() === roleName.toLowerCase()
  );
}

/** Replaces resources that share a parent path with `parent/*`; the rest stay as they are. */
export function generaliseResources(resources: readonly string[]): string[] {
  if (resources.includes('*')) return ['*'];
  const byParent = new Map<string, string[]>();
  const alone: string[] = [];
  for (const resource of new Set(resources)) {
    const slash = resource.lastIndexOf('/');
    if (slash < 0) {
      alone.push(resource);
      continue;
    }
    const parent = resource.slice(0, slash + 1);
    byParent.set(parent, [...(byParent.get(parent) ?? []), resource]);
  }
  const out = [...alone];
  for (const [parent, members] of byParent) out.push(...(members.length > 1 ? [`${parent}*`] : members));
  return out.sort();
}

const one = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);

/**
 * The policy allowing what the role's sessions did in `events`.
 *
 * @example
 * generatePolicy(events, '000000000000', 'ec2-s3-access-role').Statement;
 */
export function generatePolicy(events: readonly AuditEvent[], accountId: string, roleName: string): GeneratedPolicy {
  const byAction = new Map<string, string[]>();
  for (const event of events) {
    if (!isRoleSession(event, accountId, roleName)) continue;
    for (const { action, resource } of event.authorized) {
      byAction.set(action, [...(byAction.get(action) ?? []), resource]);
    }
  }
  const byResources = new Map<string, { actions: string[]; resources: string[] }>();
  for (const [action, resources] of [...byAction].sort(([a], [b]) => a.localeCompare(b))) {
    const general = generaliseResources(resources);
    const key = general.join('\n');
    const statement = byResources.get(key) ?? { actions: [], resources: general };
    statement.actions.push(action);
    byResources.set(key, statement);
  }
  return {
    Version: '2012-10-17',
    Statement: [...byResources.values()].map(({ actions, resources }) => ({
      Effect: 'Allow',
      Action: one(actions),
      Resource: one(resources),
    })),
  };
}

/**
 * @module core/audit/last-accessed-activity
 * The last use of each service and action by a report's entities, from the audit trail's event history: every
 * recorded request of the entity (an IAM user's own, or a session of the role) that was authorized for at least one
 * action counts, for the service of each action it was authorized for, at the request's time and region. An
 * entity is matched by its unique id, so a user deleted and created again under the same name starts afresh, as
 * IAM tracks entities (IAM User Guide, "Refining permissions in AWS using last accessed information").
 */

import type { AuditEvent } from './audit-event.js';
import type { AuditStore } from '../ports.js';
import type { ReportEntity } from './last-accessed-scope.js';

/** When, by whom and where something was last used. */
export interface LastUse {
  readonly time: Date;
  readonly entityArn: string;
  readonly region: string;
}

/** The activity of a report's entities, by service namespace. */
export interface Activity {
  /** Namespace → its last use. */
  readonly services: ReadonlyMap<string, LastUse>;
  /** Namespace → entity ARN → that entity's last use of the service. */
  readonly entities: ReadonlyMap<string, ReadonlyMap<string, Date>>;
  /** `namespace:Action` → its last use. */
  readonly actions: ReadonlyMap<string, LastUse>;
}

/** Events read per page of the scan. */
const PAGE = 1000;

/** The entity of `entities` that made the request, matched by unique id. */
function entityOf(event: AuditEvent, accountId: string, byId: ReadonlyMap<string, ReportEntity>) {
  const identity = event.record.userIdentity;
  if (identity.accountId !== accountId) return undefined;
  if (identity.type === 'IAMUser') {
    const entity = byId.get(identity.principalId ?? '');
    return entity?.type === 'USER' ? entity : undefined;
  }
  if (identity.type === 'AssumedRole') {
    const entity = byId.get(identity.sessionContext?.sessionIssuer?.principalId ?? '');
    return entity?.type === 'ROLE' ? entity : undefined;
  }
  return undefined;
}

/**
 * Reads the activity of `entities` since `since`. The events come newest first, so the first use seen of anything
 * is its last.
 *
 * @example
 * const activity = await readActivity(stores.audit, '000000000000', entities, since);
 * activity.services.get('s3')?.time;
 */
export async function readActivity(
  store: AuditStore,
  accountId: string,
  entities: readonly ReportEntity[],
  since: Date,
): Promise<Activity> {
  const services = new Map<string, LastUse>();
  const byEntity = new Map<string, Map<string, Date>>();
  const actions = new Map<string, LastUse>();
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  const userNames = entities.filter((e) => e.type === 'USER').map((e) => e.name);
  const roleNames = entities.filter((e) => e.type === 'ROLE').map((e) => e.name);
  let cursor: { time: Date; eventId: string } | undefined;
  for (;;) {
    const page = await store.lookupPrincipalActivity({ accountId, userNames, roleNames, since, cursor, limit: PAGE });
    for (const event of page) {
      const entity = entityOf(event, accountId, byId);
      if (!entity) continue;
      const use = { time: event.time, entityArn: entity.arn, region: event.record.awsRegion };
      for (const { action } of event.authorized) {
        const colon = action.indexOf(':');
        if (colon < 0) continue;
        const namespace = action.slice(0, colon).toLowerCase();
        if (!services.has(namespace)) services.set(namespace, use);
        const users = byEntity.get(namespace) ?? new Map<string, Date>();
        if (!users.has(entity.arn)) users.set(entity.arn, event.time);
        byEntity.set(namespace, users);
        const name = `${namespace}:${action.slice(colon + 1)}`;
        if (!actions.has(name)) actions.set(name, use);
      }
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    cursor = { time: last.time, eventId: last.record.eventID };
  }
  return { services, entities: byEntity, actions };
}

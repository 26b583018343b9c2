/**
 * @module core/audit/last-accessed-report
 * A service last accessed report from what the policies allow and what the entities did (IAM API reference,
 * GetServiceLastAccessedDetails and GetServiceLastAccessedDetailsWithEntities): every allowed service, sorted by
 * namespace, with its last authentication (time, entity, region) and how many entities authenticated to it — a
 * service with no recorded use is listed without them, `TotalAuthenticatedEntities: 0`. ACTION_LEVEL reports add
 * the tracked actions of the services iamd serves: the actions the policies name without wildcards and every
 * action used, each with its last use when there was one.
 */

import type { Iam } from '../../shapes/index.js';
import type { Activity, LastUse } from './last-accessed-activity.js';
import type { ReportEntity } from './last-accessed-scope.js';
import { type AllowedServices, isServedNamespace, serviceNameOf } from './last-accessed-services.js';

/** A finished report: the services, and per service the entities with their last use. */
export interface Report {
  readonly services: readonly Iam.ServiceLastAccessed[];
  readonly entities: ReadonlyMap<string, readonly Iam.EntityDetails[]>;
}

function trackedActions(
  namespace: string,
  allowed: AllowedServices,
  activity: Activity,
): Iam.TrackedActionLastAccessed[] {
  const byKey = new Map<string, { name: string; use?: LastUse | undefined }>();
  for (const action of allowed.actions) {
    if (!action.startsWith(`${namespace}:`)) continue;
    byKey.set(action.toLowerCase(), { name: action.slice(namespace.length + 1) });
  }
  for (const [action, use] of activity.actions) {
    if (!action.startsWith(`${namespace}:`)) continue;
    byKey.set(action.toLowerCase(), { name: action.slice(namespace.length + 1), use });
  }
  return [...byKey.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, use }) => ({
      ActionName: name,
      ...(use ? { LastAccessedEntity: use.entityArn, LastAccessedTime: use.time, LastAccessedRegion: use.region } : {}),
    }));
}

function entityDetails(entities: readonly ReportEntity[], used: ReadonlyMap<string, Date> | undefined) {
  const details: Iam.EntityDetails[] = entities.map((entity) => {
    const last = used?.get(entity.arn);
    return {
      EntityInfo: { Arn: entity.arn, Name: entity.name, Type: entity.type, Id: entity.id, Path: entity.path },
      ...(last ? { LastAuthenticated: last } : {}),
    };
  });
  // "By default, the list of associated entities is sorted by date, with the most recent access listed first."
  return details.sort((a, b) => {
    const byTime = (b.LastAuthenticated?.getTime() ?? -1) - (a.LastAuthenticated?.getTime() ?? -1);
    return byTime !== 0 ? byTime : a.EntityInfo.Arn < b.EntityInfo.Arn ? -1 : 1;
  });
}

/**
 * Builds the report.
 *
 * @example
 * buildReport(allowedServices(documents), await readActivity(store, account, entities, since), entities, 'SERVICE_LEVEL');
 */
export function buildReport(
  allowed: AllowedServices,
  activity: Activity,
  entities: readonly ReportEntity[],
  granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL',
): Report {
  const services: Iam.ServiceLastAccessed[] = [];
  const byService = new Map<string, readonly Iam.EntityDetails[]>();
  for (const namespace of [...allowed.namespaces].sort()) {
    const use = activity.services.get(namespace);
    const used = activity.entities.get(namespace);
    services.push({
      ServiceName: serviceNameOf(namespace),
      ServiceNamespace: namespace,
      ...(use
        ? { LastAuthenticated: use.time, LastAuthenticatedEntity: use.entityArn, LastAuthenticatedRegion: use.region }
        : {}),
      TotalAuthenticatedEntities: used?.size ?? 0,
      ...(granularity === 'ACTION_LEVEL' && isServedNamespace(namespace)
        ? { TrackedActionsLastAccessed: trackedActions(namespace, allowed, activity) }
        : {}),
    });
    byService.set(namespace, entityDetails(entities, used));
  }
  return { services, entities: byService };
}

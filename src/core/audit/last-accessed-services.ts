/**
 * @module core/audit/last-accessed-services
 * Which services a report lists: those the entity's permissions policies allow (IAM API reference,
 * GetServiceLastAccessedDetails: "The report includes a list of AWS services that the resource (user, group, role,
 * or managed policy) can access"; only permissions policies count, not boundaries, resource policies or SCPs).
 * A service counts when an `Allow` statement names one of its actions, whatever its resources and conditions (the
 * entity *could* access it). `Action: "*"`, a wildcard service prefix and `NotAction` allow services iamd cannot
 * enumerate; they are read as allowing the services iamd serves (docs/audit.md, "Service last accessed").
 */

/** The services iamd serves, with the names AWS reports for them. */
const SERVED: Readonly<Record<string, string>> = {
  cloudtrail: 'AWS CloudTrail',
  ec2: 'Amazon Elastic Compute Cloud',
  iam: 'AWS Identity and Access Management',
  s3: 'Amazon Simple Storage Service',
  sts: 'AWS Security Token Service',
};

/** Whether iamd serves (and so records the actions of) this service. */
export function isServedNamespace(namespace: string): boolean {
  return Object.hasOwn(SERVED, namespace);
}

/** The service's name as AWS reports it; the namespace itself for services iamd does not serve. */
export function serviceNameOf(namespace: string): string {
  return SERVED[namespace] ?? namespace;
}

/** What a set of policies allows: service namespaces, and the actions named without wildcards. */
export interface AllowedServices {
  readonly namespaces: ReadonlySet<string>;
  /** `namespace:Action` as written (case kept), for the tracked actions of ACTION_LEVEL reports. */
  readonly actions: ReadonlySet<string>;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function statementsOf(document: string): Record<string, unknown>[] {
  try {
    const parsed = JSON.parse(document) as { Statement?: unknown };
    return asList(parsed.Statement).filter(
      (statement): statement is Record<string, unknown> => typeof statement === 'object' && statement !== null,
    );
  } catch {
    // Stored documents were validated when written; one that does not parse allows nothing.
    return [];
  }
}

/**
 * The services and actions the `Allow` statements of `documents` name.
 *
 * @example
 * allowedServices(['{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}']);
 * // { namespaces: Set { 's3' }, actions: Set { 's3:GetObject' } }
 */
export function allowedServices(documents: readonly string[]): AllowedServices {
  const namespaces = new Set<string>();
  const actions = new Set<string>();
  const everything = () => {
    for (const namespace of Object.keys(SERVED)) namespaces.add(namespace);
  };
  for (const document of documents) {
    for (const statement of statementsOf(document)) {
      if (statement['Effect'] !== 'Allow') continue;
      if (statement['NotAction'] !== undefined) everything();
      for (const action of asList(statement['Action'])) {
        if (typeof action !== 'string') continue;
        const colon = action.indexOf(':');
        const namespace = colon < 0 ? action.toLowerCase() : action.slice(0, colon).toLowerCase();
        if (colon < 0 || /[*?]/.test(namespace)) {
          everything();
          continue;
        }
        namespaces.add(namespace);
        if (!/[*?]/.test(action)) actions.add(`${namespace}:${action.slice(colon + 1)}`);
      }
    }
  }
  return { namespaces, actions };
}

/**
 * @module core/ec2
 * The EC2 domain: instances as records that own a metadata endpoint, their instance profile associations, and the
 * role credentials AWS services hand to workloads (instance metadata, container endpoints).
 */

import type { Auditor } from '../audit/index.js';
import type { Authorizer } from '../authz/authorizer.js';
import type { ChangeTracker } from '../authz/change-tracker.js';
import type { Clock, Ec2Store, IamStore, Random } from '../ports.js';
import type { StsService } from '../sts/sts-service.js';
import { ProfileAssociations } from './associations.js';
import { ContainerGrants } from './container-grants.js';
import { InstanceMetadata } from './instance-metadata.js';
import { Ec2Instances } from './instances.js';
import type { MetadataEndpoints } from './metadata-endpoints.js';
import { ProfileResolver } from './profiles.js';
import { ServiceRoleCredentials } from './role-credentials.js';
import { SecurityGroups } from './security-groups.js';
import { ResourceTagging } from './tagging.js';

export { ProfileAssociations } from './associations.js';
export {
  type ContainerGrant,
  ContainerGrants,
  ECS_TASKS_PRINCIPAL,
  type GrantAssumeInput,
  MAX_GRANT_SECONDS,
} from './container-grants.js';
export { type Ec2Filter, matchesFilters } from './filters.js';
export { decidingStatements } from './deciding-statements.js';
export { isEc2Id, mintEc2Id } from './ids.js';
export { EC2_PRINCIPAL, type InstanceIam, InstanceMetadata } from './instance-metadata.js';
export { Ec2Instances, tagsFor } from './instances.js';
export type { MetadataEndpoints } from './metadata-endpoints.js';
export { defaultNetwork } from './network.js';
export { describeSubnets, describeVpcs } from './network-wire.js';
export type { ProfileRole } from './profiles.js';
export {
  MIN_WORKLOAD_SECONDS,
  type RoleCredentialOutcome,
  type RoleCredentialSet,
  ServiceRoleCredentials,
  type ServiceRoleRequest,
} from './role-credentials.js';
export type { IpPermissionInput, RuleRequest } from './security-group-rules.js';
export { type DescribeGroupsRequest, type GroupReference, SecurityGroups } from './security-groups.js';
export { ResourceTagging, type TagFilter, taggableKind, withoutTags, withTags } from './tagging.js';
export type * as Ec2 from './wire-types.js';

/** The EC2 use cases. */
export interface Ec2Service {
  readonly instances: Ec2Instances;
  readonly associations: ProfileAssociations;
  readonly securityGroups: SecurityGroups;
  readonly tagging: ResourceTagging;
  /** Grants behind the container credentials endpoint (`iamd exec`). */
  readonly containerGrants: ContainerGrants;
  readonly metadata: InstanceMetadata;
  /** Service-principal role credentials, shared with the container credential endpoint. */
  readonly roleCredentials: ServiceRoleCredentials;
  /** `http://127.0.0.1:<port>` of a running instance's metadata endpoint. */
  metadataEndpointOf(instanceId: string): string | undefined;
}

/** What the EC2 domain is built from. */
export interface Ec2ServiceDeps {
  readonly store: Ec2Store;
  readonly iam: IamStore;
  readonly sts: StsService;
  readonly authorizer: Authorizer;
  readonly tracker: ChangeTracker;
  readonly endpoints: MetadataEndpoints;
  readonly clock: Clock;
  readonly random: Random;
  readonly region: string;
  readonly workloadCredentialSeconds: number;
  /** The audit trail, which records each credential issue as the service's AssumeRole. */
  readonly audit?: Pick<Auditor, 'admit' | 'record'> | undefined;
}

/**
 * Wires the EC2 domain.
 *
 * @example
 * const ec2 = createEc2Service({ store, iam, sts, authorizer, tracker, endpoints, clock, random, region, workloadCredentialSeconds: 21600 });
 */
export function createEc2Service(deps: Ec2ServiceDeps): Ec2Service {
  const { store, clock, random } = deps;
  const profiles = new ProfileResolver(deps.iam, deps.tracker);
  const instances = new Ec2Instances({
    store,
    profiles,
    endpoints: deps.endpoints,
    clock,
    random,
    region: deps.region,
  });
  const roleCredentials = new ServiceRoleCredentials({
    sts: deps.sts,
    authorizer: deps.authorizer,
    tracker: deps.tracker,
    clock,
    random,
    region: deps.region,
    lifetimeSeconds: deps.workloadCredentialSeconds,
    audit: deps.audit,
  });
  const securityGroups = new SecurityGroups({ store, random, region: deps.region });
  return {
    instances,
    associations: new ProfileAssociations({ instances, store, profiles, clock, random }),
    securityGroups,
    tagging: new ResourceTagging({ instances, groups: securityGroups, store }),
    containerGrants: new ContainerGrants({ iam: deps.iam, credentials: roleCredentials, clock, random }),
    metadata: new InstanceMetadata({ instances, profiles, credentials: roleCredentials }),
    roleCredentials,
    metadataEndpointOf: (instanceId) => deps.endpoints.endpointOf(instanceId),
  };
}

/**
 * @module core/iam/service-linked-roles
 * [CreateServiceLinkedRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceLinkedRole.html),
 * [DeleteServiceLinkedRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteServiceLinkedRole.html) and
 * GetServiceLinkedRoleDeletionStatus. A service-linked role lives under `/aws-service-role/<service>/`, is trusted
 * by that service only, and is named `AWSServiceRoleFor<Service>` (with `_<suffix>` when asked). iamd deletes it at
 * once, so a deletion task is always `SUCCEEDED`.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { RoleRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { iamArn } from './documents.js';
import { deleteConflict, noSuchPrincipal } from './messages.js';
import { SERVICE_ROLE_PATH } from './service-linked.js';
import { roleToWire } from './wire.js';

/** The names AWS gives well-known services' roles; others are derived from the service's host name. */
const KNOWN_NAMES: Readonly<Record<string, string>> = {
  'autoscaling.amazonaws.com': 'AutoScaling',
  'ecs.amazonaws.com': 'ECS',
  'eks.amazonaws.com': 'AmazonEKS',
  'elasticbeanstalk.amazonaws.com': 'ElasticBeanstalk',
  'elasticloadbalancing.amazonaws.com': 'ElasticLoadBalancing',
  'es.amazonaws.com': 'AmazonElasticsearchService',
  'rds.amazonaws.com': 'RDS',
  'spot.amazonaws.com': 'EC2Spot',
  'organizations.amazonaws.com': 'Organizations',
  'lambda.amazonaws.com': 'Lambda',
};

/** `AWSServiceRoleFor…` for a service principal. */
export function serviceLinkedRoleName(service: string, suffix?: string): string {
  const base =
    KNOWN_NAMES[service] ??
    service
      .replace(/\.amazonaws\.com$/, '')
      .split(/[.-]/)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('');
  return `AWSServiceRoleFor${base}${suffix === undefined ? '' : `_${suffix}`}`;
}

/** Service-linked role use cases. */
export class ServiceLinkedRoles {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  /** Creates the role the service would create for itself. */
  async create(
    accountId: string,
    input: Iam.CreateServiceLinkedRoleRequest,
  ): Promise<Iam.CreateServiceLinkedRoleResponse> {
    const service = input.AWSServiceName;
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/.test(service)) {
      throw new AwsError('InvalidInput', `Invalid service name: ${service}`);
    }
    const roleName = serviceLinkedRoleName(service, input.CustomSuffix);
    const path = `${SERVICE_ROLE_PATH}${service}/`;
    const role: RoleRecord = {
      accountId,
      roleName,
      roleId: mintUniqueId('AROA', this.#deps.random.bytes(11)),
      path,
      arn: iamArn(accountId, 'role', path, roleName),
      createDate: this.#deps.clock.now(),
      assumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      }),
      description: input.Description,
      maxSessionDuration: 3600,
      tags: [],
    };
    if (!(await this.#deps.store.createRole(role))) {
      throw new AwsError(
        'InvalidInput',
        `Service role name ${roleName} has been taken in this account, please try a different suffix.`,
      );
    }
    this.#deps.tracker.bump();
    return { Role: roleToWire(role) };
  }

  /** Deletes a service-linked role (and, as the service would, its inline policies and attachments). */
  async delete(
    accountId: string,
    input: Iam.DeleteServiceLinkedRoleRequest,
  ): Promise<Iam.DeleteServiceLinkedRoleResponse> {
    const store = this.#deps.store;
    const role = await store.getRole(accountId, input.RoleName);
    if (!role) throw noSuchPrincipal('role', input.RoleName);
    if (!role.path.startsWith(SERVICE_ROLE_PATH)) {
      throw new AwsError('InvalidInput', `Role ${role.roleName} is not a service-linked role.`);
    }
    if ((await store.listInstanceProfilesForRole(accountId, role.roleName)).length > 0) {
      throw deleteConflict('remove roles from instance profile');
    }
    const owner = { accountId, kind: 'role', name: role.roleName } as const;
    for (const arn of await store.listAttachedPolicies(owner)) await store.detachPolicy(owner, arn);
    for (const inline of await store.listInlinePolicies(owner))
      await store.deleteInlinePolicy(owner, inline.policyName);
    await store.deleteRole(accountId, role.roleName);
    this.#deps.tracker.bump();
    const service = role.path.slice(SERVICE_ROLE_PATH.length, -1);
    return { DeletionTaskId: `task/aws-service-role/${service}/${role.roleName}/${this.#deps.random.uuid()}` };
  }

  /** Deletions finish at once. */
  deletionStatus(input: Iam.GetServiceLinkedRoleDeletionStatusRequest): Iam.GetServiceLinkedRoleDeletionStatusResponse {
    if (!input.DeletionTaskId.startsWith('task/aws-service-role/')) {
      throw new AwsError('NoSuchEntity', `Deletion task ${input.DeletionTaskId} cannot be found.`);
    }
    return { Status: 'SUCCEEDED' };
  }
}

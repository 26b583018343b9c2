/**
 * @module core/iam/instance-profiles
 * Instance profile use cases: CreateInstanceProfile, GetInstanceProfile, AddRoleToInstanceProfile.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { InstanceProfileRecord, RoleRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { iamArn } from './documents.js';
import type { Roles } from './roles.js';
import { instanceProfileToWire } from './wire.js';

/** Instance profile use cases. */
export class InstanceProfiles {
  readonly #deps: IamDeps;
  readonly #roles: Roles;

  constructor(deps: IamDeps, roles: Roles) {
    this.#deps = deps;
    this.#roles = roles;
  }

  /** The stored profile, or NoSuchEntity. */
  async require(accountId: string, name: string): Promise<InstanceProfileRecord> {
    const profile = await this.#deps.store.getInstanceProfile(accountId, name);
    if (!profile) throw new AwsError('NoSuchEntity', `Instance Profile ${name} cannot be found.`);
    return profile;
  }

  /** The roles of a profile that still exist. */
  async rolesOf(profile: InstanceProfileRecord): Promise<RoleRecord[]> {
    const roles: RoleRecord[] = [];
    for (const name of profile.roleNames) {
      const role = await this.#deps.store.getRole(profile.accountId, name);
      if (role) roles.push(role);
    }
    return roles;
  }

  /** [CreateInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html) */
  async create(accountId: string, input: Iam.CreateInstanceProfileRequest): Promise<Iam.CreateInstanceProfileResponse> {
    const path = input.Path ?? '/';
    const profile: InstanceProfileRecord = {
      accountId,
      instanceProfileName: input.InstanceProfileName,
      instanceProfileId: mintUniqueId('AIPA', this.#deps.random.bytes(11)),
      path,
      arn: iamArn(accountId, 'instance-profile', path, input.InstanceProfileName),
      createDate: this.#deps.clock.now(),
      roleNames: [],
      tags: input.Tags ?? [],
    };
    if (!(await this.#deps.store.createInstanceProfile(profile))) {
      throw new AwsError('EntityAlreadyExists', `Instance Profile ${input.InstanceProfileName} already exists.`);
    }
    this.#deps.tracker.bump();
    return { InstanceProfile: instanceProfileToWire(profile, []) };
  }

  /** [GetInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetInstanceProfile.html) */
  async get(accountId: string, input: Iam.GetInstanceProfileRequest): Promise<Iam.GetInstanceProfileResponse> {
    const profile = await this.require(accountId, input.InstanceProfileName);
    return { InstanceProfile: instanceProfileToWire(profile, await this.rolesOf(profile)) };
  }

  /**
   * [AddRoleToInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html):
   * a profile holds at most one role (quota InstanceSessionsPerInstanceProfile).
   */
  async addRole(accountId: string, input: Iam.AddRoleToInstanceProfileRequest): Promise<void> {
    const profile = await this.require(accountId, input.InstanceProfileName);
    const role = await this.#roles.require(accountId, input.RoleName);
    if (profile.roleNames.some((name) => name.toLowerCase() === role.roleName.toLowerCase())) {
      throw new AwsError(
        'EntityAlreadyExists',
        `Role ${role.roleName} is already associated with instance profile ${profile.instanceProfileName}.`,
      );
    }
    if (profile.roleNames.length >= 1) {
      throw new AwsError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    }
    await this.#deps.store.setInstanceProfileRoles(accountId, profile.instanceProfileName, [role.roleName]);
    this.#deps.tracker.bump();
  }
}

/**
 * @module core/iam/instance-profiles
 * Instance profile use cases: Create/Get/Delete/ListInstanceProfiles, Add/RemoveRoleToInstanceProfile,
 * ListInstanceProfilesForRole and profile tags (IAM API reference, one page per action).
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { InstanceProfileRecord, RoleRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { iamArn } from './documents.js';
import type { Roles } from './roles.js';
import { deleteConflict } from './messages.js';
import { paginate, paginateByIndex } from './pagination.js';
import { assertValidTags, mergeTags, removeTags } from './tags.js';
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
    assertValidTags(input.Tags ?? []);
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

  /** [RemoveRoleFromInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveRoleFromInstanceProfile.html) */
  async removeRole(accountId: string, input: Iam.RemoveRoleFromInstanceProfileRequest): Promise<void> {
    const profile = await this.require(accountId, input.InstanceProfileName);
    const folded = input.RoleName.toLowerCase();
    if (!profile.roleNames.some((name) => name.toLowerCase() === folded)) {
      throw new AwsError('NoSuchEntity', `The role with name ${input.RoleName} cannot be found.`);
    }
    const remaining = profile.roleNames.filter((name) => name.toLowerCase() !== folded);
    await this.#deps.store.setInstanceProfileRoles(accountId, profile.instanceProfileName, remaining);
    this.#deps.tracker.bump();
  }

  /** [DeleteInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteInstanceProfile.html) */
  async delete(accountId: string, input: Iam.DeleteInstanceProfileRequest): Promise<void> {
    const profile = await this.require(accountId, input.InstanceProfileName);
    if (profile.roleNames.length > 0) throw deleteConflict('remove roles from instance profile');
    if (!(await this.#deps.store.deleteInstanceProfile(accountId, profile.instanceProfileName))) {
      throw new AwsError('NoSuchEntity', `Instance Profile ${input.InstanceProfileName} cannot be found.`);
    }
    this.#deps.tracker.bump();
  }

  /** [ListInstanceProfiles](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfiles.html) */
  async list(accountId: string, input: Iam.ListInstanceProfilesRequest): Promise<Iam.ListInstanceProfilesResponse> {
    const profiles = await this.#deps.store.listInstanceProfiles(accountId, input.PathPrefix ?? '/');
    return this.#page(profiles, input);
  }

  /** [ListInstanceProfilesForRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfilesForRole.html) */
  async listForRole(
    accountId: string,
    input: Iam.ListInstanceProfilesForRoleRequest,
  ): Promise<Iam.ListInstanceProfilesForRoleResponse> {
    const role = await this.#roles.require(accountId, input.RoleName);
    return this.#page(await this.#deps.store.listInstanceProfilesForRole(accountId, role.roleName), input);
  }

  /** [TagInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagInstanceProfile.html) */
  async tag(accountId: string, input: Iam.TagInstanceProfileRequest): Promise<void> {
    const profile = await this.require(accountId, input.InstanceProfileName);
    await this.#saveTags(profile, mergeTags(profile.tags, input.Tags));
  }

  /** [UntagInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagInstanceProfile.html) */
  async untag(accountId: string, input: Iam.UntagInstanceProfileRequest): Promise<void> {
    const profile = await this.require(accountId, input.InstanceProfileName);
    await this.#saveTags(profile, removeTags(profile.tags, input.TagKeys));
  }

  /** [ListInstanceProfileTags](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfileTags.html) */
  async listTags(
    accountId: string,
    input: Iam.ListInstanceProfileTagsRequest,
  ): Promise<Iam.ListInstanceProfileTagsResponse> {
    const profile = await this.require(accountId, input.InstanceProfileName);
    const page = paginateByIndex(profile.tags, input.Marker, input.MaxItems);
    return { Tags: [...page.items], IsTruncated: page.isTruncated, Marker: page.marker };
  }

  async #saveTags(profile: InstanceProfileRecord, tags: InstanceProfileRecord['tags']): Promise<void> {
    await this.#deps.store.setInstanceProfileTags(profile.accountId, profile.instanceProfileName, tags);
    this.#deps.tracker.bump();
  }

  async #page(
    profiles: readonly InstanceProfileRecord[],
    input: { Marker?: string | undefined; MaxItems?: number | undefined },
  ): Promise<Iam.ListInstanceProfilesResponse> {
    const page = paginate(profiles, input.Marker, input.MaxItems, (p) => p.instanceProfileName.toLowerCase());
    const wire: Iam.InstanceProfile[] = [];
    for (const profile of page.items) wire.push(instanceProfileToWire(profile, await this.rolesOf(profile)));
    return { InstanceProfiles: wire, IsTruncated: page.isTruncated, Marker: page.marker };
  }
}

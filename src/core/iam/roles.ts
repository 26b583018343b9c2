/**
 * @module core/iam/roles
 * Role use cases: CreateRole, GetRole, ListRoles, DeleteRole, UpdateRole, UpdateRoleDescription,
 * UpdateAssumeRolePolicy, the role's permissions boundary and tags (IAM API reference, one page per action).
 * Inline and managed policies of roles: ./identity-policies.ts.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { PrincipalRef, RoleRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { assertBoundary } from './boundaries.js';
import type { IamDeps } from './deps.js';
import { assertValidDocument, iamArn } from './documents.js';
import type { IdentityPolicies } from './identity-policies.js';
import { deleteConflict, noSuchPrincipal } from './messages.js';
import type { PrincipalReferences } from './principal-references.js';
import { paginate, paginateByIndex } from './pagination.js';
import { assertModifiableRole, assertOrdinaryRolePath } from './service-linked.js';
import { assertValidTags, mergeTags, removeTags } from './tags.js';
import { roleLastUsedToWire, roleToWire } from './wire.js';

/** Role use cases. */
export class Roles {
  readonly #deps: IamDeps;
  readonly #policies: IdentityPolicies;
  readonly #references: PrincipalReferences;

  constructor(deps: IamDeps, policies: IdentityPolicies, references: PrincipalReferences) {
    this.#deps = deps;
    this.#policies = policies;
    this.#references = references;
  }

  /** The stored role, or NoSuchEntity. */
  async require(accountId: string, roleName: string): Promise<RoleRecord> {
    const role = await this.#deps.store.getRole(accountId, roleName);
    if (!role) throw noSuchPrincipal('role', roleName);
    return role;
  }

  /** The stored role if the account may change it (not service-linked). */
  async #modifiable(accountId: string, roleName: string): Promise<RoleRecord> {
    const role = await this.require(accountId, roleName);
    assertModifiableRole(role);
    return role;
  }

  /** [CreateRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) */
  async create(accountId: string, input: Iam.CreateRoleRequest): Promise<Iam.CreateRoleResponse> {
    const path = input.Path ?? '/';
    assertOrdinaryRolePath(path);
    assertValidDocument(input.AssumeRolePolicyDocument, 'trust');
    assertValidTags(input.Tags ?? []);
    if (input.PermissionsBoundary !== undefined) {
      await assertBoundary(this.#deps.store, accountId, input.PermissionsBoundary);
    }
    const role: RoleRecord = {
      accountId,
      roleName: input.RoleName,
      roleId: mintUniqueId('AROA', this.#deps.random.bytes(11)),
      path,
      arn: iamArn(accountId, 'role', path, input.RoleName),
      createDate: this.#deps.clock.now(),
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration ?? 3600,
      tags: input.Tags ?? [],
      permissionsBoundaryArn: input.PermissionsBoundary,
    };
    if (!(await this.#deps.store.createRole(role))) {
      throw new AwsError('EntityAlreadyExists', `Role with name ${input.RoleName} already exists.`);
    }
    this.#deps.tracker.bump();
    return { Role: roleToWire(role) };
  }

  /** [GetRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html) */
  async get(accountId: string, input: Iam.GetRoleRequest): Promise<Iam.GetRoleResponse> {
    const role = await this.require(accountId, input.RoleName);
    return { Role: { ...roleToWire(role), RoleLastUsed: roleLastUsedToWire(role) } };
  }

  /** [ListRoles](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html) */
  async list(accountId: string, input: Iam.ListRolesRequest): Promise<Iam.ListRolesResponse> {
    const roles = await this.#deps.store.listRoles(accountId, input.PathPrefix ?? '/');
    const page = paginate(roles, input.Marker, input.MaxItems, (role) => role.roleName.toLowerCase());
    return { Roles: page.items.map(roleToWire), IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /**
   * [DeleteRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html): refused with
   * DeleteConflict while policies or instance profiles still refer to the role, as IAM does.
   */
  async delete(accountId: string, input: Iam.DeleteRoleRequest): Promise<void> {
    const role = await this.#modifiable(accountId, input.RoleName);
    const owner: PrincipalRef = { accountId, kind: 'role', name: role.roleName };
    const store = this.#deps.store;
    if ((await store.listInstanceProfilesForRole(accountId, role.roleName)).length > 0) {
      throw deleteConflict('remove roles from instance profile');
    }
    if ((await store.listAttachedPolicies(owner)).length > 0) throw deleteConflict('detach all policies');
    if ((await store.listInlinePolicies(owner)).length > 0) throw deleteConflict('delete policies');
    if (!(await store.deleteRole(accountId, role.roleName))) throw noSuchPrincipal('role', input.RoleName);
    this.#deps.tracker.bump();
    await this.#references.forget(role.arn, role.roleId);
  }

  /** [UpdateRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html): description and/or maximum session duration. */
  async update(accountId: string, input: Iam.UpdateRoleRequest): Promise<void> {
    const role = await this.#modifiable(accountId, input.RoleName);
    await this.#save({
      ...role,
      description: input.Description ?? role.description,
      maxSessionDuration: input.MaxSessionDuration ?? role.maxSessionDuration,
    });
  }

  /** [UpdateRoleDescription](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRoleDescription.html) */
  async updateDescription(
    accountId: string,
    input: Iam.UpdateRoleDescriptionRequest,
  ): Promise<Iam.UpdateRoleDescriptionResponse> {
    const role = { ...(await this.#modifiable(accountId, input.RoleName)), description: input.Description };
    await this.#save(role);
    return { Role: roleToWire(role) };
  }

  /** [UpdateAssumeRolePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html) */
  async updateTrust(accountId: string, input: Iam.UpdateAssumeRolePolicyRequest): Promise<void> {
    const role = await this.#modifiable(accountId, input.RoleName);
    assertValidDocument(input.PolicyDocument, 'trust');
    await this.#save({ ...role, assumeRolePolicyDocument: input.PolicyDocument });
  }

  /** [PutRolePermissionsBoundary](https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html) */
  async putBoundary(accountId: string, input: Iam.PutRolePermissionsBoundaryRequest): Promise<void> {
    const role = await this.#modifiable(accountId, input.RoleName);
    await assertBoundary(this.#deps.store, accountId, input.PermissionsBoundary);
    await this.#save({ ...role, permissionsBoundaryArn: input.PermissionsBoundary });
  }

  /** [DeleteRolePermissionsBoundary](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html) */
  async deleteBoundary(accountId: string, input: Iam.DeleteRolePermissionsBoundaryRequest): Promise<void> {
    const { permissionsBoundaryArn: _removed, ...role } = await this.#modifiable(accountId, input.RoleName);
    await this.#save(role);
  }

  /** [TagRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html) */
  async tag(accountId: string, input: Iam.TagRoleRequest): Promise<void> {
    const role = await this.require(accountId, input.RoleName);
    await this.#save({ ...role, tags: mergeTags(role.tags, input.Tags) });
  }

  /** [UntagRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html) */
  async untag(accountId: string, input: Iam.UntagRoleRequest): Promise<void> {
    const role = await this.require(accountId, input.RoleName);
    await this.#save({ ...role, tags: removeTags(role.tags, input.TagKeys) });
  }

  /** [ListRoleTags](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoleTags.html) */
  async listTags(accountId: string, input: Iam.ListRoleTagsRequest): Promise<Iam.ListRoleTagsResponse> {
    const role = await this.require(accountId, input.RoleName);
    const page = paginateByIndex(role.tags, input.Marker, input.MaxItems);
    return { Tags: [...page.items], IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /**
   * Records that a session of the role made a request in `region` (`RoleLastUsed`). For the request path to call,
   * at most every few minutes per role: AWS itself reports the last use with a delay of hours.
   */
  async markUsed(accountId: string, roleName: string, region: string): Promise<void> {
    await this.#deps.store.recordRoleUse(accountId, roleName, { date: this.#deps.clock.now(), region });
  }

  /** PutRolePolicy, kept here for callers that manage a role's inline policy through the role. */
  async putPolicy(accountId: string, input: Iam.PutRolePolicyRequest): Promise<void> {
    await this.#policies.putInline(accountId, 'role', input.RoleName, input.PolicyName, input.PolicyDocument);
  }

  async #save(role: RoleRecord): Promise<void> {
    await this.#deps.store.updateRole(role);
    this.#deps.tracker.bump();
  }
}

/**
 * @module core/iam/roles
 * Role use cases: CreateRole, GetRole, DeleteRole, ListRoles and the role's inline and attached policies
 * (IAM API reference, one page per action).
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { PrincipalRef, RoleRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { assertValidDocument, iamArn } from './documents.js';
import { paginate } from './pagination.js';
import { encodeDocument, roleToWire } from './wire.js';

const noRole = (name: string) => new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`);

/** Role use cases for one account. */
export class Roles {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  /** The stored role, or NoSuchEntity. */
  async require(accountId: string, roleName: string): Promise<RoleRecord> {
    const role = await this.#deps.store.getRole(accountId, roleName);
    if (!role) throw noRole(roleName);
    return role;
  }

  /** [CreateRole](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html) */
  async create(accountId: string, input: Iam.CreateRoleRequest): Promise<Iam.CreateRoleResponse> {
    assertValidDocument(input.AssumeRolePolicyDocument, 'trust');
    if (input.PermissionsBoundary !== undefined) await this.#requirePolicy(accountId, input.PermissionsBoundary);
    const path = input.Path ?? '/';
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
    return { Role: roleToWire(await this.require(accountId, input.RoleName)) };
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
    const role = await this.require(accountId, input.RoleName);
    const owner: PrincipalRef = { accountId, kind: 'role', name: role.roleName };
    if ((await this.#deps.store.listInstanceProfilesForRole(accountId, role.roleName)).length > 0) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.');
    }
    if ((await this.#deps.store.listAttachedPolicies(owner)).length > 0) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
    }
    if ((await this.#deps.store.listInlinePolicies(owner)).length > 0) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
    }
    if (!(await this.#deps.store.deleteRole(accountId, role.roleName))) throw noRole(input.RoleName);
    this.#deps.tracker.bump();
  }

  /** [PutRolePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html) */
  async putPolicy(accountId: string, input: Iam.PutRolePolicyRequest): Promise<void> {
    const role = await this.require(accountId, input.RoleName);
    assertValidDocument(input.PolicyDocument, 'identity');
    await this.#deps.store.putInlinePolicy({
      owner: { accountId, kind: 'role', name: role.roleName },
      policyName: input.PolicyName,
      document: input.PolicyDocument,
    });
    this.#deps.tracker.bump();
  }

  /** [GetRolePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html) */
  async getPolicy(accountId: string, input: Iam.GetRolePolicyRequest): Promise<Iam.GetRolePolicyResponse> {
    const role = await this.require(accountId, input.RoleName);
    const policy = await this.#deps.store.getInlinePolicy(
      { accountId, kind: 'role', name: role.roleName },
      input.PolicyName,
    );
    if (!policy) throw new AwsError('NoSuchEntity', `The role policy with name ${input.PolicyName} cannot be found.`);
    return { RoleName: role.roleName, PolicyName: policy.policyName, PolicyDocument: encodeDocument(policy.document) };
  }

  /** [AttachRolePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html) */
  async attachPolicy(accountId: string, input: Iam.AttachRolePolicyRequest): Promise<void> {
    const role = await this.require(accountId, input.RoleName);
    await this.#requirePolicy(accountId, input.PolicyArn);
    const owner: PrincipalRef = { accountId, kind: 'role', name: role.roleName };
    const attached = await this.#deps.store.listAttachedPolicies(owner);
    if (!attached.includes(input.PolicyArn) && attached.length >= 10) {
      throw new AwsError('LimitExceeded', 'Cannot exceed quota for PoliciesPerRole: 10');
    }
    if (await this.#deps.store.attachPolicy(owner, input.PolicyArn)) this.#deps.tracker.bump();
  }

  /** [DetachRolePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html) */
  async detachPolicy(accountId: string, input: Iam.DetachRolePolicyRequest): Promise<void> {
    const role = await this.require(accountId, input.RoleName);
    if (!(await this.#deps.store.detachPolicy({ accountId, kind: 'role', name: role.roleName }, input.PolicyArn))) {
      throw new AwsError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`);
    }
    this.#deps.tracker.bump();
  }

  /** [ListAttachedRolePolicies](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html) */
  async listAttachedPolicies(
    accountId: string,
    input: Iam.ListAttachedRolePoliciesRequest,
  ): Promise<Iam.ListAttachedRolePoliciesResponse> {
    const role = await this.require(accountId, input.RoleName);
    const arns = await this.#deps.store.listAttachedPolicies({ accountId, kind: 'role', name: role.roleName });
    const attached: Iam.AttachedPolicy[] = [];
    for (const arn of arns) {
      const policy = await this.#deps.store.getPolicy(arn);
      if (policy?.path.startsWith(input.PathPrefix ?? '/')) {
        attached.push({ PolicyName: policy.policyName, PolicyArn: policy.arn });
      }
    }
    const page = paginate(attached, input.Marker, input.MaxItems, (p) => (p.PolicyName ?? '').toLowerCase());
    return { AttachedPolicies: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /** Customer managed policies attach only inside their own account. */
  async #requirePolicy(accountId: string, policyArn: string): Promise<void> {
    const policy = await this.#deps.store.getPolicy(policyArn);
    if (!policy || policy.accountId !== accountId) {
      throw new AwsError('NoSuchEntity', `Policy ${policyArn} does not exist or is not attachable.`);
    }
  }
}

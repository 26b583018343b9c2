/**
 * @module core/iam/authorization-details
 * [GetAccountAuthorizationDetails](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html):
 * every user, group and role of the account with their inline policies, attachments, boundaries and tags; every
 * customer managed policy with all its versions; and the AWS managed policies the account attaches. Documents are
 * URL-encoded as in every IAM answer. One marker pages through the four lists in that order.
 */

import type { Iam } from '../../shapes/index.js';
import type { GroupRecord, PrincipalRef, RoleRecord, UserRecord } from '../entities.js';
import type { IamDeps } from './deps.js';
import { paginateByIndex } from './pagination.js';
import { AWS_ACCOUNT, type ManagedPolicies } from './policies.js';
import {
  encodeDocument,
  groupToWire,
  instanceProfileToWire,
  policyToWire,
  roleLastUsedToWire,
  roleToWire,
  userToWire,
} from './wire.js';

type Entry =
  | { readonly kind: 'user'; readonly user: UserRecord }
  | { readonly kind: 'group'; readonly group: GroupRecord }
  | { readonly kind: 'role'; readonly role: RoleRecord }
  | { readonly kind: 'policy'; readonly arn: string };

const boundaryOf = (arn: string | undefined): Iam.AttachedPermissionsBoundary | undefined =>
  arn === undefined ? undefined : { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn };

/** The GetAccountAuthorizationDetails use case. */
export class AuthorizationDetails {
  readonly #deps: IamDeps;
  readonly #policies: ManagedPolicies;

  constructor(deps: IamDeps, policies: ManagedPolicies) {
    this.#deps = deps;
    this.#policies = policies;
  }

  async #entries(accountId: string, filter: readonly string[] | undefined): Promise<Entry[]> {
    const wants = (kind: string) => filter === undefined || filter.length === 0 || filter.includes(kind);
    const store = this.#deps.store;
    const entries: Entry[] = [];
    if (wants('User')) for (const user of await store.listUsers(accountId, '/')) entries.push({ kind: 'user', user });
    if (wants('Group'))
      for (const group of await store.listGroups(accountId, '/')) entries.push({ kind: 'group', group });
    if (wants('Role')) for (const role of await store.listRoles(accountId, '/')) entries.push({ kind: 'role', role });
    if (wants('LocalManagedPolicy')) {
      for (const policy of await store.listPolicies(accountId)) entries.push({ kind: 'policy', arn: policy.arn });
    }
    if (wants('AWSManagedPolicy')) {
      const attached = await store.countAttachmentsByPolicy(accountId);
      const aws = [...attached.keys()].filter((arn) => arn.startsWith(`arn:aws:iam::${AWS_ACCOUNT}:policy/`)).sort();
      for (const arn of aws) entries.push({ kind: 'policy', arn });
    }
    return entries;
  }

  /** Lists the details, a page at a time (MaxItems counts entities of all four kinds). */
  async get(
    accountId: string,
    input: Iam.GetAccountAuthorizationDetailsRequest,
  ): Promise<Iam.GetAccountAuthorizationDetailsResponse> {
    const page = paginateByIndex(await this.#entries(accountId, input.Filter), input.Marker, input.MaxItems);
    const response = {
      UserDetailList: [] as Iam.UserDetail[],
      GroupDetailList: [] as Iam.GroupDetail[],
      RoleDetailList: [] as Iam.RoleDetail[],
      Policies: [] as Iam.ManagedPolicyDetail[],
    };
    for (const entry of page.items) {
      if (entry.kind === 'user') response.UserDetailList.push(await this.#user(entry.user));
      else if (entry.kind === 'group') response.GroupDetailList.push(await this.#group(entry.group));
      else if (entry.kind === 'role') response.RoleDetailList.push(await this.#role(entry.role));
      else {
        const policy = await this.#policy(accountId, entry.arn);
        if (policy) response.Policies.push(policy);
      }
    }
    return { ...response, IsTruncated: page.isTruncated, Marker: page.marker };
  }

  async #inline(owner: PrincipalRef): Promise<Iam.PolicyDetail[]> {
    return (await this.#deps.store.listInlinePolicies(owner)).map((p) => ({
      PolicyName: p.policyName,
      PolicyDocument: encodeDocument(p.document),
    }));
  }

  async #attached(owner: PrincipalRef): Promise<Iam.AttachedPolicy[]> {
    const attached: Iam.AttachedPolicy[] = [];
    for (const arn of await this.#deps.store.listAttachedPolicies(owner)) {
      const policy = await this.#deps.store.getPolicy(arn);
      if (policy) attached.push({ PolicyName: policy.policyName, PolicyArn: arn });
    }
    return attached;
  }

  async #user(user: UserRecord): Promise<Iam.UserDetail> {
    const owner: PrincipalRef = { accountId: user.accountId, kind: 'user', name: user.userName };
    const { PermissionsBoundary: _b, Tags: _t, ...base } = userToWire(user);
    return {
      ...base,
      UserPolicyList: await this.#inline(owner),
      GroupList: (await this.#deps.store.listGroupsForUser(user.accountId, user.userName)).map((g) => g.groupName),
      AttachedManagedPolicies: await this.#attached(owner),
      PermissionsBoundary: boundaryOf(user.permissionsBoundaryArn),
      Tags: [...user.tags],
    };
  }

  async #group(group: GroupRecord): Promise<Iam.GroupDetail> {
    const owner: PrincipalRef = { accountId: group.accountId, kind: 'group', name: group.groupName };
    return {
      ...groupToWire(group),
      GroupPolicyList: await this.#inline(owner),
      AttachedManagedPolicies: await this.#attached(owner),
    };
  }

  async #role(role: RoleRecord): Promise<Iam.RoleDetail> {
    const store = this.#deps.store;
    const owner: PrincipalRef = { accountId: role.accountId, kind: 'role', name: role.roleName };
    const profiles: Iam.InstanceProfile[] = [];
    for (const profile of await store.listInstanceProfilesForRole(role.accountId, role.roleName)) {
      const roles: RoleRecord[] = [];
      for (const name of profile.roleNames) {
        const member = await store.getRole(role.accountId, name);
        if (member) roles.push(member);
      }
      profiles.push(instanceProfileToWire(profile, roles));
    }
    const wire = roleToWire(role);
    return {
      Path: wire.Path,
      RoleName: wire.RoleName,
      RoleId: wire.RoleId,
      Arn: wire.Arn,
      CreateDate: wire.CreateDate,
      AssumeRolePolicyDocument: wire.AssumeRolePolicyDocument,
      InstanceProfileList: profiles,
      RolePolicyList: await this.#inline(owner),
      AttachedManagedPolicies: await this.#attached(owner),
      PermissionsBoundary: boundaryOf(role.permissionsBoundaryArn),
      Tags: [...role.tags],
      RoleLastUsed: roleLastUsedToWire(role),
    };
  }

  async #policy(accountId: string, arn: string): Promise<Iam.ManagedPolicyDetail | undefined> {
    const policy = await this.#deps.store.getPolicy(arn);
    if (!policy) return undefined;
    const { Tags: _tags, ...wire } = policyToWire(policy, await this.#policies.usage(accountId, policy));
    const versions = await this.#deps.store.listPolicyVersions(arn);
    return {
      ...wire,
      PolicyVersionList: versions.map((v) => ({
        Document: encodeDocument(v.document),
        VersionId: v.versionId,
        IsDefaultVersion: v.versionId === policy.defaultVersionId,
        CreateDate: v.createDate,
      })),
    };
  }
}

/**
 * @module core/iam/policy-entities
 * [ListEntitiesForPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListEntitiesForPolicy.html):
 * the users, groups and roles of the caller's account that attach a managed policy (or, with
 * `PolicyUsageFilter=PermissionsBoundary`, use it as their boundary). One marker pages through all three lists.
 */

import type { Iam } from '../../shapes/index.js';
import type { PrincipalKind } from '../entities.js';
import type { IamDeps } from './deps.js';
import { paginate } from './pagination.js';
import { AWS_ACCOUNT, type ManagedPolicies } from './policies.js';

/** One entity using the policy. */
interface Entity {
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly id: string;
  readonly path: string;
}

const kindFilters: Readonly<Record<string, PrincipalKind>> = { User: 'user', Role: 'role', Group: 'group' };

/** The ListEntitiesForPolicy use case. */
export class PolicyEntities {
  readonly #deps: IamDeps;
  readonly #policies: ManagedPolicies;

  constructor(deps: IamDeps, policies: ManagedPolicies) {
    this.#deps = deps;
    this.#policies = policies;
  }

  async #attached(accountId: string, policyArn: string): Promise<Entity[]> {
    const store = this.#deps.store;
    const entities: Entity[] = [];
    for (const owner of await store.listPolicyAttachments(policyArn)) {
      if (owner.accountId !== accountId) continue;
      const entity =
        owner.kind === 'user'
          ? await store
              .getUser(accountId, owner.name)
              .then((u) => u && { name: u.userName, id: u.userId, path: u.path })
          : owner.kind === 'role'
            ? await store
                .getRole(accountId, owner.name)
                .then((r) => r && { name: r.roleName, id: r.roleId, path: r.path })
            : await store
                .getGroup(accountId, owner.name)
                .then((g) => g && { name: g.groupName, id: g.groupId, path: g.path });
      if (entity) entities.push({ kind: owner.kind, ...entity });
    }
    return entities;
  }

  async #bounded(accountId: string, policyArn: string): Promise<Entity[]> {
    const users = (await this.#deps.store.listUsers(accountId, '/'))
      .filter((u) => u.permissionsBoundaryArn === policyArn)
      .map((u): Entity => ({ kind: 'user', name: u.userName, id: u.userId, path: u.path }));
    const roles = (await this.#deps.store.listRoles(accountId, '/'))
      .filter((r) => r.permissionsBoundaryArn === policyArn)
      .map((r): Entity => ({ kind: 'role', name: r.roleName, id: r.roleId, path: r.path }));
    return [...users, ...roles];
  }

  /** Lists the entities, grouped by kind, each kind by name. */
  async list(accountId: string, input: Iam.ListEntitiesForPolicyRequest): Promise<Iam.ListEntitiesForPolicyResponse> {
    const policy = await this.#policies.require(accountId, input.PolicyArn);
    const filter = input.EntityFilter;
    const isAws = policy.accountId === AWS_ACCOUNT;
    const excluded = (filter === 'LocalManagedPolicy' && isAws) || (filter === 'AWSManagedPolicy' && !isAws);
    const kind = filter === undefined ? undefined : kindFilters[filter];
    const entities = excluded
      ? []
      : (input.PolicyUsageFilter === 'PermissionsBoundary'
          ? await this.#bounded(accountId, policy.arn)
          : input.PolicyUsageFilter === 'PermissionsPolicy'
            ? await this.#attached(accountId, policy.arn)
            : [...(await this.#attached(accountId, policy.arn)), ...(await this.#bounded(accountId, policy.arn))]
        ).filter((e) => (kind === undefined || e.kind === kind) && e.path.startsWith(input.PathPrefix ?? '/'));
    const keyOf = (e: Entity) => `${e.kind}\u0000${e.name.toLowerCase()}`;
    const unique = [...new Map(entities.map((e) => [keyOf(e), e])).values()].sort((a, b) =>
      keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0,
    );
    const page = paginate(unique, input.Marker, input.MaxItems, keyOf);
    const of = (k: PrincipalKind) => page.items.filter((e) => e.kind === k);
    return {
      PolicyGroups: of('group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: of('user').map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: of('role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  }
}

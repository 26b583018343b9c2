/**
 * @module core/authz/principal-policies
 * Gathers the principal side of a decision — identity policies (managed + inline), the permissions boundary and
 * the session policies — and caches it per principal until the next IAM write (ChangeTracker generation).
 */

import { type CompiledPolicy, mergePolicies } from '../../policy/index.js';
import type { PrincipalRef, Tag } from '../entities.js';
import type { IamStore } from '../ports.js';
import type { AccountCaller, SessionPolicies } from './caller.js';
import type { ChangeTracker } from './change-tracker.js';
import type { PolicyCompiler } from './compiled-policies.js';

/** The principal side of a decision. */
export interface PrincipalPolicies {
  readonly identity: readonly CompiledPolicy[];
  readonly boundary?: CompiledPolicy | undefined;
  readonly session?: readonly CompiledPolicy[] | undefined;
  /** Tags of the role behind a session (merged with session tags into `aws:PrincipalTag/*`). */
  readonly roleTags: readonly Tag[];
}

interface CachedIdentity {
  readonly generation: number;
  readonly identity: readonly CompiledPolicy[];
  readonly boundary?: CompiledPolicy | undefined;
  readonly tags: readonly Tag[];
}

const MAX_CACHED = 10_000;

/** Loads and caches the identity-side policies of callers. */
export class PrincipalPolicyLoader {
  readonly #iam: IamStore;
  readonly #tracker: ChangeTracker;
  readonly #compiler: PolicyCompiler;
  readonly #cache = new Map<string, CachedIdentity>();

  constructor(iam: IamStore, tracker: ChangeTracker, compiler: PolicyCompiler) {
    this.#iam = iam;
    this.#tracker = tracker;
    this.#compiler = compiler;
  }

  /**
   * The policies that apply to `caller`. Root callers have none: their identity side is implicit. Federated users
   * carry their parent user's identity policies and boundary, narrowed by their session policies.
   */
  async load(caller: AccountCaller): Promise<PrincipalPolicies> {
    switch (caller.kind) {
      case 'root':
        return { identity: [], roleTags: [] };
      case 'user': {
        const identity = await this.#identityOf(
          { accountId: caller.accountId, kind: 'user', name: caller.userName },
          caller.userId,
        );
        return { identity: identity.identity, boundary: identity.boundary, roleTags: [] };
      }
      case 'federated-user': {
        const identity =
          caller.parentUserName === undefined || caller.parentUserId === undefined
            ? { identity: [], boundary: undefined }
            : await this.#identityOf(
                { accountId: caller.accountId, kind: 'user', name: caller.parentUserName },
                caller.parentUserId,
              );
        return {
          identity: identity.identity,
          boundary: identity.boundary,
          session: await this.#sessionPolicies(caller.sessionPolicies),
          roleTags: [],
        };
      }
      case 'assumed-role': {
        const identity = await this.#identityOf(
          { accountId: caller.accountId, kind: 'role', name: caller.roleName },
          caller.roleId,
        );
        return {
          identity: identity.identity,
          boundary: identity.boundary,
          session: await this.#sessionPolicies(caller.sessionPolicies),
          roleTags: identity.tags,
        };
      }
    }
  }

  async #identityOf(owner: PrincipalRef, uniqueId: string): Promise<CachedIdentity> {
    const generation = this.#tracker.generation;
    const cacheKey = `${owner.accountId}/${owner.kind}/${uniqueId}`;
    const cached = this.#cache.get(cacheKey);
    if (cached && cached.generation === generation) return cached;

    const entity =
      owner.kind === 'user'
        ? await this.#iam.getUser(owner.accountId, owner.name)
        : await this.#iam.getRole(owner.accountId, owner.name);
    // A role or user deleted (or re-created with a new unique id) since the credentials were issued has no policies.
    const entityId = entity && ('roleId' in entity ? entity.roleId : entity.userId);
    if (!entity || entityId !== uniqueId) {
      return this.#remember(cacheKey, { generation, identity: [], tags: [] });
    }
    const identity = await this.#ownPolicies(owner);
    // A user's identity policies include those of every group it belongs to (IAM User Guide, "IAM user groups").
    if (owner.kind === 'user') {
      for (const group of await this.#iam.listGroupsForUser(owner.accountId, owner.name)) {
        identity.push(
          ...(await this.#ownPolicies({ accountId: owner.accountId, kind: 'group', name: group.groupName })),
        );
      }
    }
    const boundary = entity.permissionsBoundaryArn
      ? await this.#managed(entity.permissionsBoundaryArn, 'boundary')
      : undefined;
    // One merged index per principal: a decision costs one lookup however many policies are attached, and still
    // names each statement's own policy (policy/compile-policy.ts, mergePolicies).
    const merged = identity.length > 1 ? [mergePolicies(identity, `${owner.kind}/${owner.name}`)] : identity;
    return this.#remember(cacheKey, { generation, identity: merged, boundary, tags: entity.tags });
  }

  /** The managed and inline policies attached directly to a user, group or role. */
  async #ownPolicies(owner: PrincipalRef): Promise<CompiledPolicy[]> {
    const policies: CompiledPolicy[] = [];
    for (const arn of await this.#iam.listAttachedPolicies(owner)) {
      const compiled = await this.#managed(arn, 'identity');
      if (compiled) policies.push(compiled);
    }
    for (const inline of await this.#iam.listInlinePolicies(owner)) {
      const source = `${owner.kind}/${owner.name}/inline/${inline.policyName}`;
      policies.push(this.#compiler.compile(inline.document, 'identity', 'identity', source));
    }
    return policies;
  }

  async #sessionPolicies(session: SessionPolicies | undefined): Promise<CompiledPolicy[] | undefined> {
    if (!session) return undefined;
    const policies: CompiledPolicy[] = [];
    if (session.inline !== undefined) {
      policies.push(this.#compiler.compile(session.inline, 'session', 'session', 'session-policy'));
    }
    for (const arn of session.arns) {
      // A managed session policy deleted since the session began grants nothing (safe reading).
      policies.push((await this.#managed(arn, 'session')) ?? { source: arn, layer: 'session', statements: [] });
    }
    return policies;
  }

  async #managed(arn: string, layer: 'identity' | 'boundary' | 'session'): Promise<CompiledPolicy | undefined> {
    const policy = await this.#iam.getPolicy(arn);
    if (!policy) return undefined;
    const version = await this.#iam.getPolicyVersion(arn, policy.defaultVersionId);
    if (!version) return undefined;
    return this.#compiler.compile(version.document, layer === 'session' ? 'session' : 'identity', layer, arn);
  }

  #remember(key: string, entry: CachedIdentity): CachedIdentity {
    if (this.#cache.size >= MAX_CACHED) this.#cache.clear();
    this.#cache.set(key, entry);
    return entry;
  }
}

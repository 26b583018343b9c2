/**
 * @module core/iam/identity-policies
 * Inline policies and managed-policy attachments of users, groups and roles: the Put/Get/Delete/List*Policy and
 * Attach/Detach/ListAttached*Policies families (IAM API reference, one page per action), shared by the three kinds.
 * Owners are named by kind and name; a missing owner is NoSuchEntity, and the stored spelling is used from there.
 */

import type { Iam } from '../../shapes/index.js';
import type { PrincipalKind, PrincipalRef } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { assertValidDocument, policySize } from './documents.js';
import { noSuchPolicy, noSuchPrincipal, notAttachable, policiesQuota } from './messages.js';
import { assertModifiableRole } from './service-linked.js';
import { byKey, paginate } from './pagination.js';
import { encodeDocument } from './wire.js';

/** Aggregate inline-policy size per owner, whitespace excluded (IAM User Guide, "IAM and AWS STS quotas"). */
const INLINE_AGGREGATE: Readonly<Record<PrincipalKind, number>> = { user: 2048, group: 5120, role: 10_240 };

/** Managed policies attached to one identity (the default quota). */
export const MAX_ATTACHED = 10;

/** A Get*Policy answer; the operation names the owner field (`RoleName`, `UserName`, `GroupName`). */
export interface InlineDocument {
  readonly ownerName: string;
  readonly PolicyName: string;
  readonly PolicyDocument: string;
}

/** Listing options shared by the List* calls. */
export interface ListOptions {
  readonly Marker?: string | undefined;
  readonly MaxItems?: number | undefined;
  readonly PathPrefix?: string | undefined;
}

/** Inline policies and attachments of any identity. */
export class IdentityPolicies {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  /** The owner with its stored name, or NoSuchEntity. Service-linked roles refuse changes (UnmodifiableEntity). */
  async owner(accountId: string, kind: PrincipalKind, name: string, change = false): Promise<PrincipalRef> {
    const store = this.#deps.store;
    const entity =
      kind === 'user'
        ? (await store.getUser(accountId, name))?.userName
        : kind === 'role'
          ? await store.getRole(accountId, name)
          : (await store.getGroup(accountId, name))?.groupName;
    if (entity === undefined) throw noSuchPrincipal(kind, name);
    if (typeof entity === 'string') return { accountId, kind, name: entity };
    if (change) assertModifiableRole(entity);
    return { accountId, kind, name: entity.roleName };
  }

  /** Put*Policy: validates the document, then the owner's aggregate inline size. */
  async putInline(accountId: string, kind: PrincipalKind, name: string, policyName: string, document: string) {
    const owner = await this.owner(accountId, kind, name, true);
    assertValidDocument(document, 'identity', { inline: true });
    const others = (await this.#deps.store.listInlinePolicies(owner)).filter(
      (p) => p.policyName.toLowerCase() !== policyName.toLowerCase(),
    );
    const total = others.reduce((sum, p) => sum + policySize(p.document), policySize(document));
    const limit = INLINE_AGGREGATE[owner.kind];
    if (total > limit) {
      throw new AwsError(
        'LimitExceeded',
        `Maximum policy size of ${limit} bytes exceeded for ${owner.kind} ${owner.name}`,
      );
    }
    await this.#deps.store.putInlinePolicy({ owner, policyName, document });
    this.#deps.tracker.bump();
  }

  /** Get*Policy: the stored name and the URL-encoded document. */
  async getInline(accountId: string, kind: PrincipalKind, name: string, policyName: string): Promise<InlineDocument> {
    const owner = await this.owner(accountId, kind, name);
    const policy = await this.#deps.store.getInlinePolicy(owner, policyName);
    if (!policy)
      throw new AwsError('NoSuchEntity', `The ${owner.kind} policy with name ${policyName} cannot be found.`);
    return { ownerName: owner.name, PolicyName: policy.policyName, PolicyDocument: encodeDocument(policy.document) };
  }

  /** Delete*Policy */
  async deleteInline(accountId: string, kind: PrincipalKind, name: string, policyName: string): Promise<void> {
    const owner = await this.owner(accountId, kind, name, true);
    if (!(await this.#deps.store.deleteInlinePolicy(owner, policyName))) {
      throw new AwsError('NoSuchEntity', `The ${owner.kind} policy with name ${policyName} cannot be found.`);
    }
    this.#deps.tracker.bump();
  }

  /** List*Policies: inline policy names, alphabetically. */
  async listInline(accountId: string, kind: PrincipalKind, name: string, options: ListOptions) {
    const owner = await this.owner(accountId, kind, name);
    const names = (await this.#deps.store.listInlinePolicies(owner)).map((p) => p.policyName);
    const page = paginate(names, options.Marker, options.MaxItems, (name) => name.toLowerCase());
    const response: Iam.ListRolePoliciesResponse = {
      PolicyNames: [...page.items],
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
    return response;
  }

  /** Attach*Policy: the policy must be attachable from the owner's account; at most 10 per identity. */
  async attach(accountId: string, kind: PrincipalKind, name: string, policyArn: string): Promise<void> {
    const owner = await this.owner(accountId, kind, name, true);
    const policy = await this.#deps.store.getPolicy(policyArn);
    if (!policy || (policy.accountId !== owner.accountId && policy.accountId !== 'aws')) throw notAttachable(policyArn);
    if (policy.path.startsWith('/aws-service-role/')) {
      throw new AwsError('PolicyNotAttachable', 'Cannot attach a Service Role Policy to a Customer Role.');
    }
    const attached = await this.#deps.store.listAttachedPolicies(owner);
    if (!attached.includes(policyArn) && attached.length >= MAX_ATTACHED) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for ${policiesQuota[owner.kind]}: ${MAX_ATTACHED}`);
    }
    if (await this.#deps.store.attachPolicy(owner, policyArn)) this.#deps.tracker.bump();
  }

  /** Detach*Policy */
  async detach(accountId: string, kind: PrincipalKind, name: string, policyArn: string): Promise<void> {
    const owner = await this.owner(accountId, kind, name, true);
    if (!(await this.#deps.store.detachPolicy(owner, policyArn))) throw noSuchPolicy(policyArn);
    this.#deps.tracker.bump();
  }

  /** ListAttached*Policies: name and ARN of each attached policy under `PathPrefix`, by name. */
  async listAttached(accountId: string, kind: PrincipalKind, name: string, options: ListOptions) {
    const owner = await this.owner(accountId, kind, name);
    const attached: Iam.AttachedPolicy[] = [];
    for (const arn of await this.#deps.store.listAttachedPolicies(owner)) {
      const policy = await this.#deps.store.getPolicy(arn);
      if (policy?.path.startsWith(options.PathPrefix ?? '/')) {
        attached.push({ PolicyName: policy.policyName, PolicyArn: policy.arn });
      }
    }
    const keyOf = (p: Iam.AttachedPolicy) => (p.PolicyName ?? '').toLowerCase();
    attached.sort(byKey(keyOf));
    const page = paginate(attached, options.Marker, options.MaxItems, keyOf);
    const response: Iam.ListAttachedRolePoliciesResponse = {
      AttachedPolicies: [...page.items],
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
    return response;
  }
}

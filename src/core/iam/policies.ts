/**
 * @module core/iam/policies
 * Managed policy use cases: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy and policy tags (IAM API
 * reference). An account sees its own customer managed policies and the AWS managed ones (account `aws`);
 * versions: ./policy-versions.ts; who uses a policy: ./policy-entities.ts.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { ManagedPolicyRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { assertValidDocument, iamArn } from './documents.js';
import { noSuchPolicy } from './messages.js';
import { byKey, paginate, paginateByIndex } from './pagination.js';
import { assertValidTags, mergeTags, removeTags } from './tags.js';
import { policyToWire } from './wire.js';

/** How many identities use a policy, as GetPolicy reports it. */
export interface PolicyUsage {
  readonly attachments: number;
  readonly boundaries: number;
}

/** AWS managed policies live in the pseudo-account `aws` of their ARNs. */
export const AWS_ACCOUNT = 'aws';

/** Managed policy use cases. */
export class ManagedPolicies {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  /** A policy `accountId` can see (its own or an AWS managed one), or NoSuchEntity. */
  async require(accountId: string, policyArn: string): Promise<ManagedPolicyRecord> {
    const policy = await this.#deps.store.getPolicy(policyArn);
    if (!policy || (policy.accountId !== accountId && policy.accountId !== AWS_ACCOUNT)) throw noSuchPolicy(policyArn);
    return policy;
  }

  /** A customer managed policy of `accountId` (AWS managed policies are read-only), or an AWS-like refusal. */
  async requireOwn(accountId: string, policyArn: string): Promise<ManagedPolicyRecord> {
    const policy = await this.require(accountId, policyArn);
    if (policy.accountId === AWS_ACCOUNT) {
      throw new AwsError('AccessDenied', `AWS managed policy ${policyArn} cannot be modified.`);
    }
    return policy;
  }

  /** Attachments and boundary uses of a policy within `accountId`. */
  async usage(accountId: string, policy: ManagedPolicyRecord): Promise<PolicyUsage> {
    const store = this.#deps.store;
    if (policy.accountId !== AWS_ACCOUNT) {
      return {
        attachments: await store.countPolicyAttachments(policy.arn),
        boundaries: await store.countPermissionsBoundaryUsage(policy.arn),
      };
    }
    return (await this.#usageIndex(accountId))(policy);
  }

  /**
   * Usage of every policy within `accountId`, from two grouped counts: AWS managed policies are shared by all
   * accounts, and AWS reports their counts per account.
   */
  async #usageIndex(accountId: string): Promise<(policy: ManagedPolicyRecord) => PolicyUsage> {
    const store = this.#deps.store;
    const attachments = await store.countAttachmentsByPolicy(accountId);
    const boundaries = await store.countBoundaryUsageByPolicy(accountId);
    return (policy) => ({ attachments: attachments.get(policy.arn) ?? 0, boundaries: boundaries.get(policy.arn) ?? 0 });
  }

  /** [CreatePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html) */
  async create(accountId: string, input: Iam.CreatePolicyRequest): Promise<Iam.CreatePolicyResponse> {
    assertValidDocument(input.PolicyDocument, 'identity');
    assertValidTags(input.Tags ?? []);
    const path = input.Path ?? '/';
    const now = this.#deps.clock.now();
    const policy: ManagedPolicyRecord = {
      accountId,
      policyName: input.PolicyName,
      policyId: mintUniqueId('ANPA', this.#deps.random.bytes(11)),
      path,
      arn: iamArn(accountId, 'policy', path, input.PolicyName),
      defaultVersionId: 'v1',
      description: input.Description,
      createDate: now,
      updateDate: now,
      tags: input.Tags ?? [],
    };
    const version = { policyArn: policy.arn, versionId: 'v1', document: input.PolicyDocument, createDate: now };
    if (!(await this.#deps.store.createPolicy(policy, version))) {
      throw new AwsError(
        'EntityAlreadyExists',
        `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
      );
    }
    this.#deps.tracker.bump();
    return { Policy: policyToWire(policy, { attachments: 0, boundaries: 0 }) };
  }

  /** [GetPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html) */
  async get(accountId: string, input: Iam.GetPolicyRequest): Promise<Iam.GetPolicyResponse> {
    const policy = await this.require(accountId, input.PolicyArn);
    return { Policy: policyToWire(policy, await this.usage(accountId, policy)) };
  }

  /**
   * [ListPolicies](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html): `Scope`
   * All/AWS/Local, by name. `PolicyUsageFilter` narrows `OnlyAttached` to permissions or boundary use.
   */
  async list(accountId: string, input: Iam.ListPoliciesRequest): Promise<Iam.ListPoliciesResponse> {
    const scope = input.Scope ?? 'All';
    const store = this.#deps.store;
    const candidates = [
      ...(scope === 'Local' ? [] : await store.listPolicies(AWS_ACCOUNT)),
      ...(scope === 'AWS' ? [] : await store.listPolicies(accountId)),
    ].filter((p) => p.path.startsWith(input.PathPrefix ?? '/'));
    const keyOf = (p: ManagedPolicyRecord) => `${p.policyName.toLowerCase()}\u0000${p.arn}`;
    candidates.sort(byKey(keyOf));
    const usage = await this.#usageIndex(accountId);
    const policies =
      input.OnlyAttached === true
        ? candidates.filter((p) => {
            const { attachments, boundaries } = usage(p);
            if (input.PolicyUsageFilter === 'PermissionsBoundary') return boundaries > 0;
            if (input.PolicyUsageFilter === 'PermissionsPolicy') return attachments > 0;
            return attachments + boundaries > 0;
          })
        : candidates;
    const page = paginate(policies, input.Marker, input.MaxItems, keyOf);
    const wire = page.items.map((p) => policyToWire(p, usage(p)));
    return { Policies: wire, IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /**
   * [DeletePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html): refused while the
   * policy is attached, used as a boundary, or has non-default versions, as IAM does.
   */
  async delete(accountId: string, input: Iam.DeletePolicyRequest): Promise<void> {
    const policy = await this.requireOwn(accountId, input.PolicyArn);
    const usage = await this.usage(accountId, policy);
    if (usage.attachments + usage.boundaries > 0) {
      throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.');
    }
    const versions = await this.#deps.store.listPolicyVersions(policy.arn);
    if (versions.some((v) => v.versionId !== policy.defaultVersionId)) {
      throw new AwsError(
        'DeleteConflict',
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await this.#deps.store.deletePolicy(policy.arn);
    this.#deps.tracker.bump();
  }

  /** [TagPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagPolicy.html) */
  async tag(accountId: string, input: Iam.TagPolicyRequest): Promise<void> {
    const policy = await this.requireOwn(accountId, input.PolicyArn);
    await this.#save({ ...policy, tags: mergeTags(policy.tags, input.Tags) });
  }

  /** [UntagPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagPolicy.html) */
  async untag(accountId: string, input: Iam.UntagPolicyRequest): Promise<void> {
    const policy = await this.requireOwn(accountId, input.PolicyArn);
    await this.#save({ ...policy, tags: removeTags(policy.tags, input.TagKeys) });
  }

  /** [ListPolicyTags](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicyTags.html) */
  async listTags(accountId: string, input: Iam.ListPolicyTagsRequest): Promise<Iam.ListPolicyTagsResponse> {
    const policy = await this.require(accountId, input.PolicyArn);
    const page = paginateByIndex(policy.tags, input.Marker, input.MaxItems);
    return { Tags: [...page.items], IsTruncated: page.isTruncated, Marker: page.marker };
  }

  async #save(policy: ManagedPolicyRecord): Promise<void> {
    if (!(await this.#deps.store.updatePolicy(policy))) throw noSuchPolicy(policy.arn);
    this.#deps.tracker.bump();
  }
}

/**
 * @module core/iam/policies
 * Customer managed policy use cases: CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { ManagedPolicyRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { assertValidDocument, iamArn } from './documents.js';
import { encodeDocument, policyToWire } from './wire.js';

const notFound = (arn: string) => new AwsError('NoSuchEntity', `Policy ${arn} was not found.`);

/** Managed policy use cases. */
export class ManagedPolicies {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  /** [CreatePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html) */
  async create(accountId: string, input: Iam.CreatePolicyRequest): Promise<Iam.CreatePolicyResponse> {
    assertValidDocument(input.PolicyDocument, 'identity');
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
    const created = await this.#deps.store.createPolicy(policy, {
      policyArn: policy.arn,
      versionId: 'v1',
      document: input.PolicyDocument,
      createDate: now,
    });
    if (!created) {
      throw new AwsError(
        'EntityAlreadyExists',
        `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
      );
    }
    this.#deps.tracker.bump();
    return { Policy: policyToWire(policy, 0) };
  }

  /** [GetPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html) */
  async get(input: Iam.GetPolicyRequest): Promise<Iam.GetPolicyResponse> {
    const policy = await this.#deps.store.getPolicy(input.PolicyArn);
    if (!policy) throw notFound(input.PolicyArn);
    return { Policy: policyToWire(policy, await this.#deps.store.countPolicyAttachments(policy.arn)) };
  }

  /** [GetPolicyVersion](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html) */
  async getVersion(input: Iam.GetPolicyVersionRequest): Promise<Iam.GetPolicyVersionResponse> {
    const policy = await this.#deps.store.getPolicy(input.PolicyArn);
    if (!policy) throw notFound(input.PolicyArn);
    const version = await this.#deps.store.getPolicyVersion(policy.arn, input.VersionId);
    if (!version) {
      throw new AwsError(
        'NoSuchEntity',
        `Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`,
      );
    }
    return {
      PolicyVersion: {
        Document: encodeDocument(version.document),
        VersionId: version.versionId,
        IsDefaultVersion: version.versionId === policy.defaultVersionId,
        CreateDate: version.createDate,
      },
    };
  }

  /**
   * [DeletePolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html): refused while the
   * policy is attached or has non-default versions, as IAM does.
   */
  async delete(input: Iam.DeletePolicyRequest): Promise<void> {
    const policy = await this.#deps.store.getPolicy(input.PolicyArn);
    if (!policy) throw notFound(input.PolicyArn);
    if ((await this.#deps.store.countPolicyAttachments(policy.arn)) > 0) {
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
}

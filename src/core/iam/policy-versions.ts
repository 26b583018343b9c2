/**
 * @module core/iam/policy-versions
 * Versions of customer managed policies: CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions,
 * SetDefaultPolicyVersion, DeletePolicyVersion (IAM API reference). A policy keeps at most five versions; ids are
 * `v1`, `v2`, … counting up from the highest one stored; exactly one is the default, the one that is evaluated.
 */

import type { Iam } from '../../shapes/index.js';
import type { ManagedPolicyRecord, PolicyVersionRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { assertValidDocument } from './documents.js';
import { paginateByIndex } from './pagination.js';
import type { ManagedPolicies } from './policies.js';
import { encodeDocument } from './wire.js';

/** IAM quota "Versions of a managed policy that can be stored". */
export const MAX_VERSIONS = 5;

const number = (versionId: string) => Number(versionId.slice(1)) || 0;

const noSuchVersion = (arn: string, versionId: string) =>
  new AwsError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`);

/** Policy version use cases. */
export class PolicyVersions {
  readonly #deps: IamDeps;
  readonly #policies: ManagedPolicies;

  constructor(deps: IamDeps, policies: ManagedPolicies) {
    this.#deps = deps;
    this.#policies = policies;
  }

  async #version(policy: ManagedPolicyRecord, versionId: string): Promise<PolicyVersionRecord> {
    const version = await this.#deps.store.getPolicyVersion(policy.arn, versionId);
    if (!version) throw noSuchVersion(policy.arn, versionId);
    return version;
  }

  /** [CreatePolicyVersion](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html) */
  async create(accountId: string, input: Iam.CreatePolicyVersionRequest): Promise<Iam.CreatePolicyVersionResponse> {
    const policy = await this.#policies.requireOwn(accountId, input.PolicyArn);
    assertValidDocument(input.PolicyDocument, 'identity');
    const versions = await this.#deps.store.listPolicyVersions(policy.arn);
    if (versions.length >= MAX_VERSIONS) {
      throw new AwsError(
        'LimitExceeded',
        `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    const next = Math.max(0, ...versions.map((v) => number(v.versionId))) + 1;
    const version = {
      policyArn: policy.arn,
      versionId: `v${next}`,
      document: input.PolicyDocument,
      createDate: this.#deps.clock.now(),
    };
    const setAsDefault = input.SetAsDefault === true;
    // A concurrent CreatePolicyVersion took the same id: IAM reports such races as ConcurrentModification.
    if (!(await this.#deps.store.createPolicyVersion(version, setAsDefault))) {
      throw new AwsError('ConcurrentModification');
    }
    this.#deps.tracker.bump();
    return {
      PolicyVersion: { VersionId: version.versionId, IsDefaultVersion: setAsDefault, CreateDate: version.createDate },
    };
  }

  /** [GetPolicyVersion](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html): the document URL-encoded. */
  async get(accountId: string, input: Iam.GetPolicyVersionRequest): Promise<Iam.GetPolicyVersionResponse> {
    const policy = await this.#policies.require(accountId, input.PolicyArn);
    const version = await this.#version(policy, input.VersionId);
    return {
      PolicyVersion: {
        Document: encodeDocument(version.document),
        VersionId: version.versionId,
        IsDefaultVersion: version.versionId === policy.defaultVersionId,
        CreateDate: version.createDate,
      },
    };
  }

  /** [ListPolicyVersions](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicyVersions.html): newest first, without documents. */
  async list(accountId: string, input: Iam.ListPolicyVersionsRequest): Promise<Iam.ListPolicyVersionsResponse> {
    const policy = await this.#policies.require(accountId, input.PolicyArn);
    const versions = [...(await this.#deps.store.listPolicyVersions(policy.arn))].sort(
      (a, b) => number(b.versionId) - number(a.versionId),
    );
    const page = paginateByIndex(versions, input.Marker, input.MaxItems);
    return {
      Versions: page.items.map((v) => ({
        VersionId: v.versionId,
        IsDefaultVersion: v.versionId === policy.defaultVersionId,
        CreateDate: v.createDate,
      })),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  }

  /** [SetDefaultPolicyVersion](https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html) */
  async setDefault(accountId: string, input: Iam.SetDefaultPolicyVersionRequest): Promise<void> {
    const policy = await this.#policies.requireOwn(accountId, input.PolicyArn);
    const version = await this.#version(policy, input.VersionId);
    const updated = { ...policy, defaultVersionId: version.versionId, updateDate: this.#deps.clock.now() };
    if (!(await this.#deps.store.updatePolicy(updated))) throw noSuchVersion(policy.arn, input.VersionId);
    this.#deps.tracker.bump();
  }

  /** [DeletePolicyVersion](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicyVersion.html): never the default. */
  async delete(accountId: string, input: Iam.DeletePolicyVersionRequest): Promise<void> {
    const policy = await this.#policies.requireOwn(accountId, input.PolicyArn);
    const version = await this.#version(policy, input.VersionId);
    if (version.versionId === policy.defaultVersionId) {
      throw new AwsError('DeleteConflict', 'Cannot delete the default version of a policy.');
    }
    if (!(await this.#deps.store.deletePolicyVersion(policy.arn, version.versionId))) {
      throw noSuchVersion(policy.arn, input.VersionId);
    }
    this.#deps.tracker.bump();
  }
}

/**
 * @module core/ec2/profiles
 * Finds the instance profile a request names (by name or by ARN, as `IamInstanceProfileSpecification` allows) and
 * the role it holds. The metadata endpoints ask on every credential fetch, so answers are cached until the next IAM
 * write (ChangeTracker generation): replacing a profile's role or its trust policy shows on the next fetch.
 */

import { parseArn } from '../../arn/index.js';
import type { ChangeTracker } from '../authz/change-tracker.js';
import type { InstanceProfileRecord, RoleRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamStore } from '../ports.js';
import type { IamInstanceProfileSpecification } from './wire-types.js';

/** A profile and the role it holds (absent when the profile is empty or its role was deleted). */
export interface ProfileRole {
  readonly profile: InstanceProfileRecord;
  readonly role?: RoleRecord | undefined;
}

const invalidProfile = (field: string, value: string) =>
  // Terraform retries RunInstances on exactly this message while IAM propagates (WIRE.md §6.2).
  new AwsError(
    'InvalidParameterValue',
    `Value (${value}) for parameter iamInstanceProfile.${field} is invalid. Invalid IAM Instance Profile ${field}`,
  );

/** Resolves profile specifications and caches profile → role by IAM generation. */
export class ProfileResolver {
  readonly #iam: IamStore;
  readonly #tracker: ChangeTracker;
  readonly #cache = new Map<string, { generation: number; value: ProfileRole | undefined }>();

  constructor(iam: IamStore, tracker: ChangeTracker) {
    this.#iam = iam;
    this.#tracker = tracker;
  }

  /** The profile named by `spec` in `accountId`, or InvalidParameterValue with EC2's message. */
  async resolve(accountId: string, spec: IamInstanceProfileSpecification): Promise<ProfileRole> {
    if (spec.Arn !== undefined) {
      const found = await this.byArn(spec.Arn);
      if (!found || found.profile.accountId !== accountId) throw invalidProfile('arn', spec.Arn);
      return found;
    }
    if (spec.Name === undefined || spec.Name === '') {
      throw new AwsError(
        'MissingParameter',
        'The request must contain the parameter iamInstanceProfile.name or iamInstanceProfile.arn',
      );
    }
    const profile = await this.#iam.getInstanceProfile(accountId, spec.Name);
    if (!profile) throw invalidProfile('name', spec.Name);
    return this.byArn(profile.arn).then((found) => found ?? { profile });
  }

  /** The profile with exactly this ARN and its role, cached until the next IAM write. */
  async byArn(profileArn: string): Promise<ProfileRole | undefined> {
    const generation = this.#tracker.generation;
    const cached = this.#cache.get(profileArn);
    if (cached && cached.generation === generation) return cached.value;
    const value = await this.#load(profileArn);
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(profileArn, { generation, value });
    return value;
  }

  async #load(profileArn: string): Promise<ProfileRole | undefined> {
    const arn = parseArn(profileArn);
    if (arn?.service !== 'iam' || !arn.resource.startsWith('instance-profile/')) return undefined;
    const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
    const profile = await this.#iam.getInstanceProfile(arn.account, name);
    if (!profile || profile.arn !== profileArn) return undefined;
    const roleName = profile.roleNames[0];
    const role = roleName === undefined ? undefined : await this.#iam.getRole(profile.accountId, roleName);
    return { profile, role };
  }
}

/**
 * @module core/ec2/instance-metadata
 * What an instance's metadata endpoint serves about IAM (EC2 User Guide, "Instance metadata categories": `iam/info`,
 * `iam/security-credentials/<role>`): the associated profile, its role's name, and role credentials issued to
 * `ec2.amazonaws.com` for this instance. The association and the profile's role are read on every fetch (from
 * caches kept until the next write), so replacing or removing either takes effect on the next fetch.
 */

import type { InstanceProfileRecord, InstanceRecord, RoleRecord } from '../entities.js';
import type { Ec2Instances } from './instances.js';
import type { ProfileResolver } from './profiles.js';
import type { RoleCredentialOutcome, ServiceRoleCredentials } from './role-credentials.js';

/** The service principal instance credentials are issued to. */
export const EC2_PRINCIPAL = 'ec2.amazonaws.com';

/** An instance's profile and role as its metadata endpoint sees them. */
export interface InstanceIam {
  readonly instance: InstanceRecord;
  readonly profile: InstanceProfileRecord;
  readonly role?: RoleRecord | undefined;
}

/** The IAM side of instance metadata. */
export class InstanceMetadata {
  readonly #instances: Ec2Instances;
  readonly #profiles: ProfileResolver;
  readonly #credentials: ServiceRoleCredentials;

  constructor(deps: { instances: Ec2Instances; profiles: ProfileResolver; credentials: ServiceRoleCredentials }) {
    this.#instances = deps.instances;
    this.#profiles = deps.profiles;
    this.#credentials = deps.credentials;
  }

  /** The running instance, or `undefined` (its endpoint then answers nothing). */
  instance(instanceId: string): InstanceRecord | undefined {
    return this.#instances.live(instanceId);
  }

  /** The instance's current profile and role; `undefined` without an association (the `iam/` tree is absent). */
  async iam(instanceId: string): Promise<InstanceIam | undefined> {
    const instance = this.#instances.live(instanceId);
    if (!instance?.profile) return undefined;
    const found = await this.#profiles.byArn(instance.profile.instanceProfileArn);
    return found && { instance, profile: found.profile, role: found.role };
  }

  /** Credentials of the instance's role, or why EC2 could not assume it. */
  credentials(iam: InstanceIam & { role: RoleRecord }): Promise<RoleCredentialOutcome> {
    const { instance } = iam;
    return this.#credentials.get(instance.instanceId, {
      servicePrincipal: EC2_PRINCIPAL,
      role: iam.role,
      sessionName: instance.instanceId,
      sourceArn: `arn:aws:ec2:${instance.region}:${instance.accountId}:instance/${instance.instanceId}`,
    });
  }

  /** Forgets the credentials of an instance whose endpoint closed. */
  forget(instanceId: string): void {
    this.#credentials.forget(instanceId);
  }
}

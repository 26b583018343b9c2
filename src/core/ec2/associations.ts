/**
 * @module core/ec2/associations
 * Instance profile associations (EC2 API reference: AssociateIamInstanceProfile, ReplaceIamInstanceProfileAssociation,
 * DisassociateIamInstanceProfile, DescribeIamInstanceProfileAssociations). An instance has at most one; a change
 * shows on the instance's next credential fetch from its metadata endpoint.
 */

import type { InstanceRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Clock, Ec2Store, Random } from '../ports.js';
import { matchesFilters } from './filters.js';
import { mintEc2Id } from './ids.js';
import { associationToWire } from './instance-wire.js';
import type { Ec2Instances } from './instances.js';
import type { ProfileRole, ProfileResolver } from './profiles.js';
import type {
  DescribeIamInstanceProfileAssociationsRequest,
  IamInstanceProfileAssociation,
  IamInstanceProfileSpecification,
} from './wire-types.js';

const ASSOCIATION_FILTERS = ['instance-id', 'state'];

/** Association use cases. */
export class ProfileAssociations {
  readonly #instances: Ec2Instances;
  readonly #store: Ec2Store;
  readonly #profiles: ProfileResolver;
  readonly #clock: Clock;
  readonly #random: Random;

  constructor(deps: {
    instances: Ec2Instances;
    store: Ec2Store;
    profiles: ProfileResolver;
    clock: Clock;
    random: Random;
  }) {
    this.#instances = deps.instances;
    this.#store = deps.store;
    this.#profiles = deps.profiles;
    this.#clock = deps.clock;
    this.#random = deps.random;
  }

  /** The profile (and role) a specification names, for the authorize step's `iam:PassRole`. */
  target(accountId: string, spec: IamInstanceProfileSpecification): Promise<ProfileRole> {
    return this.#profiles.resolve(accountId, spec);
  }

  /** The instance that holds `associationId`, or InvalidAssociationID.NotFound. */
  async holder(accountId: string, associationId: string): Promise<InstanceRecord> {
    const instances = await this.#store.listInstances(accountId);
    const holder = instances.find((instance) => instance.profile?.associationId === associationId);
    if (!holder) {
      throw new AwsError('InvalidAssociationID.NotFound', `An association with ID ${associationId} does not exist.`);
    }
    return holder;
  }

  async associate(
    accountId: string,
    instanceId: string,
    spec: IamInstanceProfileSpecification,
  ): Promise<IamInstanceProfileAssociation> {
    const instance = await this.#instances.require(accountId, instanceId);
    if (instance.state === 'terminated' || instance.state === 'shutting-down') {
      throw new AwsError(
        'IncorrectInstanceState',
        `The instance '${instanceId}' is not in a valid state for this operation.`,
      );
    }
    if (instance.profile) {
      throw new AwsError('IncorrectState', `There is an existing association for instance ${instanceId}`);
    }
    return this.#attach(instance, spec, 'associating');
  }

  async replace(
    accountId: string,
    associationId: string,
    spec: IamInstanceProfileSpecification,
  ): Promise<IamInstanceProfileAssociation> {
    return this.#attach(await this.holder(accountId, associationId), spec, 'associating');
  }

  async disassociate(accountId: string, associationId: string): Promise<IamInstanceProfileAssociation> {
    const instance = await this.holder(accountId, associationId);
    const wire = associationToWire(instance, 'disassociating');
    await this.#instances.save({ ...instance, profile: undefined });
    if (!wire) throw new Error('holder without a profile');
    return wire;
  }

  async describe(
    accountId: string,
    input: DescribeIamInstanceProfileAssociationsRequest,
  ): Promise<IamInstanceProfileAssociation[]> {
    const ids = input.AssociationIds ?? [];
    const instances = await this.#store.listInstances(accountId);
    const associations: IamInstanceProfileAssociation[] = [];
    for (const instance of instances) {
      const wire = associationToWire(instance);
      if (!wire || instance.state === 'terminated') continue;
      if (ids.length > 0 && !ids.includes(wire.AssociationId)) continue;
      const fields = new Map([
        ['instance-id', [instance.instanceId]],
        ['state', [wire.State]],
      ]);
      if (matchesFilters(input.Filters ?? [], fields, ASSOCIATION_FILTERS)) associations.push(wire);
    }
    for (const id of ids) {
      if (!associations.some((association) => association.AssociationId === id)) {
        throw new AwsError('InvalidAssociationID.NotFound', `An association with ID ${id} does not exist.`);
      }
    }
    return associations;
  }

  async #attach(
    instance: InstanceRecord,
    spec: IamInstanceProfileSpecification,
    state: IamInstanceProfileAssociation['State'],
  ): Promise<IamInstanceProfileAssociation> {
    const { profile } = await this.#profiles.resolve(instance.accountId, spec);
    const updated: InstanceRecord = {
      ...instance,
      profile: {
        associationId: mintEc2Id('iip-assoc', this.#random),
        instanceProfileArn: profile.arn,
        instanceProfileId: profile.instanceProfileId,
        timestamp: this.#clock.now(),
      },
    };
    await this.#instances.save(updated);
    const wire = associationToWire(updated, state);
    if (!wire) throw new Error('association without a profile');
    return wire;
  }
}

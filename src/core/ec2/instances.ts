/**
 * @module core/ec2/instances
 * Instance use cases (EC2 API reference: RunInstances, DescribeInstances, Start/Stop/TerminateInstances). No
 * machine is started: an instance is a record that owns a metadata endpoint while it runs. Its state moves at
 * once (RunInstances still reports `pending`, Stop `stopping`, Terminate `shutting-down`, as EC2 does).
 */

import type { InstanceRecord, InstanceStateName, Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Clock, Ec2Store, Random } from '../ports.js';
import { type FilterFields, matchesFilters, tagFields } from './filters.js';
import { isEc2Id, mintEc2Id } from './ids.js';
import { instanceToWire, stateOf } from './instance-wire.js';
import type { MetadataEndpoints } from './metadata-endpoints.js';
import { defaultNetwork, privateAddress } from './network.js';
import type { ProfileResolver } from './profiles.js';
import type {
  DescribeInstancesRequest,
  InstanceMetadataOptionsRequest,
  InstanceStateChange,
  Reservation,
  RunInstancesRequest,
} from './wire-types.js';

/** Dependencies of the instance use cases. */
export interface Ec2Deps {
  readonly store: Ec2Store;
  readonly profiles: ProfileResolver;
  readonly endpoints: MetadataEndpoints;
  readonly clock: Clock;
  readonly random: Random;
  readonly region: string;
}

const INSTANCE_FILTERS = [
  'instance-id',
  'instance-state-name',
  'instance-state-code',
  'instance-type',
  'image-id',
  'vpc-id',
  'subnet-id',
  'private-ip-address',
  'iam-instance-profile.arn',
  'key-name',
];

function instanceFields(record: InstanceRecord): FilterFields {
  return new Map<string, readonly string[]>([
    ['instance-id', [record.instanceId]],
    ['instance-state-name', [record.state]],
    ['instance-state-code', [String(stateOf(record.state).Code)]],
    ['instance-type', [record.instanceType]],
    ['image-id', [record.imageId]],
    ['vpc-id', [record.vpcId]],
    ['subnet-id', [record.subnetId]],
    ['private-ip-address', [record.privateIpAddress]],
    ['iam-instance-profile.arn', record.profile ? [record.profile.instanceProfileArn] : []],
    ['key-name', record.keyName ? [record.keyName] : []],
    ...tagFields(record.tags),
  ]);
}

/** The tags of `TagSpecifications` that apply to `resourceType`. */
export function tagsFor(specs: RunInstancesRequest['TagSpecifications'], resourceType: string): Tag[] {
  return (specs ?? []).filter((spec) => spec.ResourceType === resourceType).flatMap((spec) => spec.Tags ?? []);
}

/** Instance use cases. Keeps running instances in memory for the metadata endpoints' hot path. */
export class Ec2Instances {
  readonly #deps: Ec2Deps;
  readonly #live = new Map<string, InstanceRecord>();

  constructor(deps: Ec2Deps) {
    this.#deps = deps;
  }

  /** A running instance by id alone, as its metadata endpoint asks for it (no store read). */
  live(instanceId: string): InstanceRecord | undefined {
    return this.#live.get(instanceId);
  }

  /**
   * Reopens the metadata endpoints of instances that were running when iamd stopped. One that cannot get a port
   * (the range is full or taken) stays without an endpoint rather than stopping iamd; its id is returned.
   */
  async reopen(): Promise<string[]> {
    const failed: string[] = [];
    for (const instance of await this.#deps.store.listInstances(undefined)) {
      if (instance.state !== 'running') continue;
      await this.#activate(instance).catch(() => failed.push(instance.instanceId));
    }
    return failed;
  }

  /** Closes every open metadata endpoint (at shutdown); the records keep their state. */
  async closeAll(): Promise<void> {
    for (const id of [...this.#live.keys()]) await this.#deps.endpoints.close(id);
    this.#live.clear();
  }

  /** The stored instance, or EC2's not-found / malformed errors. */
  async require(accountId: string, instanceId: string): Promise<InstanceRecord> {
    if (!isEc2Id('i', instanceId)) {
      throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${instanceId}" (expecting "i-...")`);
    }
    const instance = await this.#deps.store.getInstance(accountId, instanceId);
    if (!instance) throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
    return instance;
  }

  /** Saves a changed record and opens or closes its metadata endpoint to match its state. */
  async save(instance: InstanceRecord): Promise<void> {
    await this.#deps.store.saveInstance(instance);
    if (instance.state === 'running') await this.#activate(instance);
    else if (this.#live.delete(instance.instanceId)) await this.#deps.endpoints.close(instance.instanceId);
  }

  /** [RunInstances](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html) */
  async run(
    accountId: string,
    input: RunInstancesRequest,
    groupNames: ReadonlyMap<string, string>,
  ): Promise<Reservation> {
    if (input.MinCount < 1 || input.MaxCount < input.MinCount) {
      throw new AwsError(
        'InvalidParameterValue',
        'Invalid value for MinCount or MaxCount: MinCount must be at least 1 and at most MaxCount',
      );
    }
    const capacity = this.#deps.endpoints.capacity();
    if (capacity < input.MinCount) {
      throw new AwsError(
        'InstanceLimitExceeded',
        `Your quota allows for ${capacity} more running instance(s). You requested at least ${input.MinCount}.`,
      );
    }
    const count = Math.min(input.MaxCount, capacity);
    const network = defaultNetwork(accountId, this.#deps.region);
    if (input.SubnetId !== undefined && input.SubnetId !== network.subnetId) {
      throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${input.SubnetId}' does not exist`);
    }
    const profile =
      input.IamInstanceProfile && (await this.#deps.profiles.resolve(accountId, input.IamInstanceProfile));
    const reservationId = mintEc2Id('r', this.#deps.random);
    const now = this.#deps.clock.now();
    const records: InstanceRecord[] = [];
    for (let i = 0; i < count; i += 1) {
      const record: InstanceRecord = {
        accountId,
        instanceId: mintEc2Id('i', this.#deps.random),
        reservationId,
        region: this.#deps.region,
        imageId: input.ImageId ?? 'ami-00000000000000000',
        instanceType: input.InstanceType ?? 'm1.small',
        state: 'running',
        launchTime: now,
        privateIpAddress: privateAddress(this.#deps.random.bytes(2)),
        subnetId: network.subnetId,
        vpcId: network.vpcId,
        securityGroupIds: [...groupNames.keys()],
        keyName: input.KeyName,
        tags: tagsFor(input.TagSpecifications, 'instance'),
        profile: profile && {
          associationId: mintEc2Id('iip-assoc', this.#deps.random),
          instanceProfileArn: profile.profile.arn,
          instanceProfileId: profile.profile.instanceProfileId,
          timestamp: now,
        },
        metadataOptions: {
          httpTokens: input.MetadataOptions?.HttpTokens ?? 'required',
          httpEndpoint: input.MetadataOptions?.HttpEndpoint ?? 'enabled',
          httpPutResponseHopLimit: input.MetadataOptions?.HttpPutResponseHopLimit ?? 2,
        },
      };
      await this.save(record);
      records.push(record);
    }
    return {
      ReservationId: reservationId,
      OwnerId: accountId,
      Groups: [],
      Instances: records.map((record) => instanceToWire(record, groupNames, 'pending')),
    };
  }

  /** [DescribeInstances](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html) */
  async describe(
    accountId: string,
    input: DescribeInstancesRequest,
    groupNames: ReadonlyMap<string, string>,
  ): Promise<{ Reservations: Reservation[] }> {
    const ids = input.InstanceIds ?? [];
    const records =
      ids.length > 0
        ? await Promise.all(ids.map((id) => this.require(accountId, id)))
        : await this.#deps.store.listInstances(accountId);
    const matching = records.filter((record) =>
      matchesFilters(input.Filters ?? [], instanceFields(record), INSTANCE_FILTERS),
    );
    const reservations = new Map<string, InstanceRecord[]>();
    for (const record of matching) {
      reservations.set(record.reservationId, [...(reservations.get(record.reservationId) ?? []), record]);
    }
    return {
      Reservations: [...reservations].map(([reservationId, members]) => ({
        ReservationId: reservationId,
        OwnerId: accountId,
        Groups: [],
        Instances: members.map((record) => instanceToWire(record, groupNames)),
      })),
    };
  }

  /** [ModifyInstanceMetadataOptions](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceMetadataOptions.html) */
  async modifyMetadataOptions(
    accountId: string,
    instanceId: string,
    input: InstanceMetadataOptionsRequest,
  ): Promise<InstanceRecord> {
    const instance = await this.require(accountId, instanceId);
    const current = instance.metadataOptions;
    const updated: InstanceRecord = {
      ...instance,
      metadataOptions: {
        httpTokens: input.HttpTokens ?? current.httpTokens,
        httpEndpoint: input.HttpEndpoint ?? current.httpEndpoint,
        httpPutResponseHopLimit: input.HttpPutResponseHopLimit ?? current.httpPutResponseHopLimit,
      },
    };
    await this.save(updated);
    return updated;
  }

  /** Stop, Start and Terminate: moves each instance and reports the transition as EC2 words it. */
  async transition(
    accountId: string,
    instanceIds: readonly string[],
    action: 'stop' | 'start' | 'terminate',
  ): Promise<InstanceStateChange[]> {
    const records = await Promise.all(instanceIds.map((id) => this.require(accountId, id)));
    const changes: InstanceStateChange[] = [];
    for (const record of records) {
      const [reported, stored] = this.#next(record, action);
      if (stored !== record.state) await this.save({ ...record, state: stored });
      changes.push({
        InstanceId: record.instanceId,
        CurrentState: stateOf(reported),
        PreviousState: stateOf(record.state),
      });
    }
    return changes;
  }

  #next(record: InstanceRecord, action: 'stop' | 'start' | 'terminate'): [InstanceStateName, InstanceStateName] {
    const state = record.state;
    if (action === 'terminate')
      return state === 'terminated' ? ['terminated', 'terminated'] : ['shutting-down', 'terminated'];
    if (state === 'terminated') {
      throw new AwsError(
        'IncorrectInstanceState',
        `The instance '${record.instanceId}' is not in a state from which it can be ${action === 'stop' ? 'stopped' : 'started'}.`,
      );
    }
    if (action === 'stop') return state === 'stopped' ? ['stopped', 'stopped'] : ['stopping', 'stopped'];
    return state === 'running' ? ['running', 'running'] : ['pending', 'running'];
  }

  async #activate(instance: InstanceRecord): Promise<void> {
    this.#live.set(instance.instanceId, instance);
    if (instance.metadataOptions.httpEndpoint === 'enabled') await this.#deps.endpoints.open(instance);
    else await this.#deps.endpoints.close(instance.instanceId);
  }
}

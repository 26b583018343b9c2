/**
 * @module core/ec2/security-groups
 * Security group use cases (EC2 API reference: CreateSecurityGroup, DescribeSecurityGroups,
 * Authorize/RevokeSecurityGroupIngress/Egress, DeleteSecurityGroup), stored as records: iamd filters no traffic.
 * Every VPC has a `default` group, created the first time the account's groups are read; new groups start with
 * the allow-all egress rule, which Terraform revokes when its configuration says otherwise.
 */

import { createHash } from 'node:crypto';
import type { IpPermissionRecord, SecurityGroupRecord, Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Ec2Store, Random } from '../ports.js';
import { type Ec2Filter, matchesFilters, tagFields } from './filters.js';
import { mintEc2Id } from './ids.js';
import { defaultNetwork } from './network.js';
import {
  ALLOW_ALL_EGRESS,
  atomicRules,
  groupRules,
  type RuleRequest,
  ruleId,
  ruleKey,
} from './security-group-rules.js';

const GROUP_FILTERS = ['group-id', 'group-name', 'vpc-id', 'description', 'owner-id'];

/** What DescribeSecurityGroups asks. */
export interface DescribeGroupsRequest {
  readonly GroupIds?: readonly string[] | undefined;
  readonly GroupNames?: readonly string[] | undefined;
  readonly Filters?: readonly Ec2Filter[] | undefined;
}

/** Which group a request names (by id, or by name in the default VPC). */
export interface GroupReference {
  readonly GroupId?: string | undefined;
  readonly GroupName?: string | undefined;
}

/** Security group use cases. */
export class SecurityGroups {
  readonly #store: Ec2Store;
  readonly #random: Random;
  readonly #region: string;

  constructor(deps: { store: Ec2Store; random: Random; region: string }) {
    this.#store = deps.store;
    this.#random = deps.random;
    this.#region = deps.region;
  }

  /** The ARN of a group, for authorization and output. */
  arn(accountId: string, groupId: string): string {
    return `arn:aws:ec2:${this.#region}:${accountId}:security-group/${groupId}`;
  }

  /** Every group of the account, the default VPC's `default` group included. */
  async list(accountId: string): Promise<SecurityGroupRecord[]> {
    const groups = [...(await this.#store.listSecurityGroups(accountId))];
    const network = defaultNetwork(accountId, this.#region);
    if (!groups.some((group) => group.groupName === 'default' && group.vpcId === network.vpcId)) {
      const hash = createHash('sha256').update(`default-sg/${accountId}/${this.#region}`).digest('hex');
      const group: SecurityGroupRecord = {
        accountId,
        groupId: `sg-${hash.slice(0, 17)}`,
        groupName: 'default',
        description: 'default VPC security group',
        vpcId: network.vpcId,
        tags: [],
        ingress: [],
        egress: [ALLOW_ALL_EGRESS],
      };
      await this.#store.saveSecurityGroup(group);
      groups.push(group);
    }
    return groups;
  }

  /** The group a reference names, or InvalidGroup.NotFound. */
  async require(accountId: string, reference: GroupReference): Promise<SecurityGroupRecord> {
    const groups = await this.list(accountId);
    const found = reference.GroupId
      ? groups.find((group) => group.groupId === reference.GroupId)
      : groups.find((group) => group.groupName === reference.GroupName);
    if (!found) {
      const shown = reference.GroupId ?? reference.GroupName ?? '';
      const what = reference.GroupId
        ? `The security group '${shown}' does not exist`
        : `The security group '${shown}' does not exist in default VPC '${defaultNetwork(accountId, this.#region).vpcId}'`;
      throw new AwsError('InvalidGroup.NotFound', what);
    }
    return found;
  }

  /** Group id → name, for the groups of a launch; unknown ids or names fail. */
  async resolve(accountId: string, ids: readonly string[], names: readonly string[]): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    const references: GroupReference[] = [
      ...ids.map((GroupId) => ({ GroupId })),
      ...names.map((GroupName) => ({ GroupName })),
    ];
    if (references.length === 0) references.push({ GroupName: 'default' });
    for (const reference of references) {
      const group = await this.require(accountId, reference);
      resolved.set(group.groupId, group.groupName);
    }
    return resolved;
  }

  /** Names of every group of the account by id, for describing instances. */
  async names(accountId: string): Promise<Map<string, string>> {
    return new Map((await this.list(accountId)).map((group) => [group.groupId, group.groupName]));
  }

  async create(
    accountId: string,
    input: { GroupName: string; Description: string; VpcId?: string | undefined; tags: readonly Tag[] },
  ): Promise<SecurityGroupRecord> {
    const network = defaultNetwork(accountId, this.#region);
    const vpcId = input.VpcId ?? network.vpcId;
    if (vpcId !== network.vpcId) throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
    if (input.GroupName.toLowerCase().startsWith('sg-')) {
      throw new AwsError('InvalidParameterValue', 'Group names may not be in the format sg-*.');
    }
    const groups = await this.list(accountId);
    if (groups.some((group) => group.vpcId === vpcId && group.groupName === input.GroupName)) {
      throw new AwsError(
        'InvalidGroup.Duplicate',
        `The security group '${input.GroupName}' already exists for VPC '${vpcId}'`,
      );
    }
    const group: SecurityGroupRecord = {
      accountId,
      groupId: mintEc2Id('sg', this.#random),
      groupName: input.GroupName,
      description: input.Description,
      vpcId,
      tags: input.tags,
      ingress: [],
      egress: [ALLOW_ALL_EGRESS],
    };
    await this.#store.saveSecurityGroup(group);
    return group;
  }

  async describe(accountId: string, input: DescribeGroupsRequest): Promise<SecurityGroupRecord[]> {
    const ids = input.GroupIds ?? [];
    const names = input.GroupNames ?? [];
    const groups = await this.list(accountId);
    for (const id of ids) await this.require(accountId, { GroupId: id });
    for (const name of names) await this.require(accountId, { GroupName: name });
    return groups.filter((group) => {
      if (ids.length > 0 && !ids.includes(group.groupId)) return false;
      if (names.length > 0 && !names.includes(group.groupName)) return false;
      const fields = new Map<string, readonly string[]>([
        ['group-id', [group.groupId]],
        ['group-name', [group.groupName]],
        ['vpc-id', [group.vpcId]],
        ['description', [group.description]],
        ['owner-id', [accountId]],
        ...tagFields(group.tags),
      ]);
      return matchesFilters(input.Filters ?? [], fields, GROUP_FILTERS);
    });
  }

  /** Adds rules; a rule the group already has fails with InvalidPermission.Duplicate, as EC2 does. */
  async authorize(
    accountId: string,
    reference: GroupReference,
    egress: boolean,
    request: RuleRequest,
  ): Promise<{ group: SecurityGroupRecord; added: Array<{ id: string; rule: IpPermissionRecord }> }> {
    const group = await this.require(accountId, reference);
    const existing = egress ? group.egress : group.ingress;
    const rules = atomicRules(request);
    for (const rule of rules) {
      if (existing.some((have) => ruleKey(have) === ruleKey(rule))) {
        throw new AwsError(
          'InvalidPermission.Duplicate',
          `the specified rule "peer: ${rule.IpRanges[0]?.CidrIp ?? rule.UserIdGroupPairs[0]?.GroupId ?? rule.Ipv6Ranges[0]?.CidrIpv6 ?? ''}, ${rule.IpProtocol.toUpperCase()}, from port: ${rule.FromPort ?? ''}, to port: ${rule.ToPort ?? ''}, ALLOW" already exists`,
        );
      }
    }
    const updated = { ...group, [egress ? 'egress' : 'ingress']: [...existing, ...rules] };
    await this.#store.saveSecurityGroup(updated);
    return { group: updated, added: rules.map((rule) => ({ id: ruleId(group.groupId, egress, rule), rule })) };
  }

  /** Removes rules; rules the group does not have are reported back as unknown, not as an error. */
  async revoke(
    accountId: string,
    reference: GroupReference,
    egress: boolean,
    request: RuleRequest,
  ): Promise<{ unknown: IpPermissionRecord[] }> {
    const group = await this.require(accountId, reference);
    const existing = egress ? group.egress : group.ingress;
    const rules = atomicRules(request);
    const keys = new Set(rules.map(ruleKey));
    const kept = existing.filter((rule) => !keys.has(ruleKey(rule)));
    const unknown = rules.filter((rule) => !existing.some((have) => ruleKey(have) === ruleKey(rule)));
    await this.#store.saveSecurityGroup({ ...group, [egress ? 'egress' : 'ingress']: kept });
    return { unknown };
  }

  /** Deletes a group no running instance uses; the default group cannot be deleted. */
  async delete(
    accountId: string,
    reference: GroupReference,
    inUse: (groupId: string) => Promise<boolean>,
  ): Promise<string> {
    const group = await this.require(accountId, reference);
    if (group.groupName === 'default') {
      throw new AwsError('InvalidParameterValue', "The security group 'default' is reserved and cannot be deleted");
    }
    if (await inUse(group.groupId)) {
      throw new AwsError('DependencyViolation', `resource ${group.groupId} has a dependent object`);
    }
    await this.#store.deleteSecurityGroup(accountId, group.groupId);
    return group.groupId;
  }

  /** A group in the model's `SecurityGroup` output shape. */
  toWire(group: SecurityGroupRecord) {
    const permissions = (rules: readonly IpPermissionRecord[]) =>
      groupRules(rules).map((rule) => ({
        ...rule,
        UserIdGroupPairs: rule.UserIdGroupPairs.map((pair) => ({ ...pair, UserId: pair.UserId ?? group.accountId })),
      }));
    return {
      GroupId: group.groupId,
      GroupName: group.groupName,
      Description: group.description,
      VpcId: group.vpcId,
      OwnerId: group.accountId,
      SecurityGroupArn: this.arn(group.accountId, group.groupId),
      IpPermissions: permissions(group.ingress),
      IpPermissionsEgress: permissions(group.egress),
      Tags: group.tags.length > 0 ? group.tags : undefined,
    };
  }
}

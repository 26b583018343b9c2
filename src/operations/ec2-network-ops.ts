/**
 * @module operations/ec2-network-ops
 * The EC2 network operations the seed's Terraform makes — the default VPC and subnet, security groups and their
 * rules — each authorized as the EC2 Service Authorization Reference lists it. Rules are stored and described,
 * not enforced.
 */

import type { AuthorizationSpec } from '../core/authz/index.js';
import {
  describeSubnets,
  describeVpcs,
  type Ec2,
  type GroupReference,
  type RuleRequest,
  tagsFor,
} from '../core/ec2/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation, type OperationContext } from './define-operation.js';
import { dryRun, type Filtered, groupArn } from './ec2-common.js';
import { resourceTagContext, tagContext } from './resource-tags.js';

const describeVpcsOperation = defineOperation<Filtered & { VpcIds?: readonly string[] }, unknown>(
  'ec2',
  'DescribeVpcs',
  {
    authorize: () => ({ action: 'ec2:DescribeVpcs', resource: '*' }),
    handle: (input, context) => {
      dryRun(input);
      return { Vpcs: describeVpcs(accountOf(context.caller), context.services.region, input) };
    },
  },
);

const describeSubnetsOperation = defineOperation<Filtered & { SubnetIds?: readonly string[] }, unknown>(
  'ec2',
  'DescribeSubnets',
  {
    authorize: () => ({ action: 'ec2:DescribeSubnets', resource: '*' }),
    handle: (input, context) => {
      dryRun(input);
      return { Subnets: describeSubnets(accountOf(context.caller), context.services.region, input) };
    },
  },
);

const createSecurityGroup = defineOperation<
  Filtered & {
    GroupName: string;
    Description: string;
    VpcId?: string;
    TagSpecifications?: Ec2.RunInstancesRequest['TagSpecifications'];
  },
  unknown
>('ec2', 'CreateSecurityGroup', {
  authorize: (input, context) => {
    const tags = (input.TagSpecifications ?? []).flatMap((spec) => spec.Tags ?? []);
    return { action: 'ec2:CreateSecurityGroup', resource: groupArn(context, '*'), context: tagContext(tags) };
  },
  handle: async (input, context) => {
    dryRun(input);
    const groups = context.services.ec2.securityGroups;
    const group = await groups.create(accountOf(context.caller), {
      GroupName: input.GroupName,
      Description: input.Description,
      VpcId: input.VpcId,
      tags: tagsFor(input.TagSpecifications, 'security-group'),
    });
    const wire = groups.toWire(group);
    return { GroupId: wire.GroupId, Tags: wire.Tags, SecurityGroupArn: wire.SecurityGroupArn };
  },
});

const describeSecurityGroups = defineOperation<
  Filtered & { GroupIds?: readonly string[]; GroupNames?: readonly string[] },
  unknown
>('ec2', 'DescribeSecurityGroups', {
  authorize: () => ({ action: 'ec2:DescribeSecurityGroups', resource: '*' }),
  handle: async (input, context) => {
    dryRun(input);
    const groups = context.services.ec2.securityGroups;
    const found = await groups.describe(accountOf(context.caller), input);
    return { SecurityGroups: found.map((group) => groups.toWire(group)) };
  },
});

async function onGroup(
  context: OperationContext,
  action: string,
  reference: GroupReference,
): Promise<AuthorizationSpec> {
  const group = await context.services.ec2.securityGroups.require(accountOf(context.caller), reference);
  return { action, resource: groupArn(context, group.groupId), context: resourceTagContext(group.tags, 'ec2') };
}

function authorizeRules(name: string, egress: boolean): AnyOperation {
  return defineOperation<Filtered & GroupReference & RuleRequest, unknown>('ec2', name, {
    authorize: (input, context) => onGroup(context, `ec2:${name}`, input),
    handle: async (input, context) => {
      dryRun(input);
      const account = accountOf(context.caller);
      const { group, added } = await context.services.ec2.securityGroups.authorize(account, input, egress, input);
      return {
        Return: true,
        SecurityGroupRules: added.map(({ id, rule }) => ({
          SecurityGroupRuleId: id,
          GroupId: group.groupId,
          GroupOwnerId: account,
          IsEgress: egress,
          IpProtocol: rule.IpProtocol,
          FromPort: rule.FromPort ?? -1,
          ToPort: rule.ToPort ?? -1,
          CidrIpv4: rule.IpRanges[0]?.CidrIp,
          CidrIpv6: rule.Ipv6Ranges[0]?.CidrIpv6,
          ReferencedGroupInfo: rule.UserIdGroupPairs[0] && {
            GroupId: rule.UserIdGroupPairs[0].GroupId,
            UserId: account,
          },
          Description:
            rule.IpRanges[0]?.Description ?? rule.Ipv6Ranges[0]?.Description ?? rule.UserIdGroupPairs[0]?.Description,
        })),
      };
    },
  });
}

function revokeRules(name: string, egress: boolean): AnyOperation {
  return defineOperation<Filtered & GroupReference & RuleRequest, unknown>('ec2', name, {
    authorize: (input, context) => onGroup(context, `ec2:${name}`, input),
    handle: async (input, context) => {
      dryRun(input);
      const { unknown } = await context.services.ec2.securityGroups.revoke(
        accountOf(context.caller),
        input,
        egress,
        input,
      );
      return { Return: true, UnknownIpPermissions: unknown.length > 0 ? unknown : undefined };
    },
  });
}

const deleteSecurityGroup = defineOperation<Filtered & GroupReference, unknown>('ec2', 'DeleteSecurityGroup', {
  authorize: (input, context) => onGroup(context, 'ec2:DeleteSecurityGroup', input),
  handle: async (input, context) => {
    dryRun(input);
    const account = accountOf(context.caller);
    const inUse = async (groupId: string) =>
      (await context.services.ec2.instances.describe(account, {}, new Map())).Reservations.some((reservation) =>
        reservation.Instances.some(
          (instance) =>
            instance.State.Name !== 'terminated' && instance.SecurityGroups.some((group) => group.GroupId === groupId),
        ),
      );
    const groupId = await context.services.ec2.securityGroups.delete(account, input, inUse);
    return { Return: true, GroupId: groupId };
  },
});

/** The network operations, for the EC2 operation table. */
export const ec2NetworkOperations: AnyOperation[] = [
  describeVpcsOperation,
  describeSubnetsOperation,
  createSecurityGroup,
  describeSecurityGroups,
  authorizeRules('AuthorizeSecurityGroupIngress', false),
  authorizeRules('AuthorizeSecurityGroupEgress', true),
  revokeRules('RevokeSecurityGroupIngress', false),
  revokeRules('RevokeSecurityGroupEgress', true),
  deleteSecurityGroup,
];

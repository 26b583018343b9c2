/**
 * @module core/ec2/network-wire
 * DescribeVpcs and DescribeSubnets over the default network (./network.ts), in the EC2 model's `Vpc` and `Subnet`
 * shapes, with EC2's filters and its not-found errors for ids that are not the defaults.
 */

import { AwsError } from '../errors.js';
import { type Ec2Filter, matchesFilters } from './filters.js';
import { defaultNetwork } from './network.js';

/** The default VPC, if it passes the request's ids and filters. */
export function describeVpcs(
  accountId: string,
  region: string,
  input: { VpcIds?: readonly string[] | undefined; Filters?: readonly Ec2Filter[] | undefined },
) {
  const network = defaultNetwork(accountId, region);
  for (const id of input.VpcIds ?? []) {
    if (id !== network.vpcId) throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
  }
  const fields = new Map<string, readonly string[]>([
    ['vpc-id', [network.vpcId]],
    ['is-default', ['true']],
    ['cidr', [network.vpcCidr]],
    ['cidr-block-association.cidr-block', [network.vpcCidr]],
    ['state', ['available']],
    ['owner-id', [accountId]],
    ['dhcp-options-id', [network.dhcpOptionsId]],
  ]);
  if (!matchesFilters(input.Filters ?? [], fields, [...fields.keys()])) return [];
  return [
    {
      VpcId: network.vpcId,
      OwnerId: accountId,
      State: 'available',
      CidrBlock: network.vpcCidr,
      DhcpOptionsId: network.dhcpOptionsId,
      InstanceTenancy: 'default',
      IsDefault: true,
      CidrBlockAssociationSet: [
        {
          AssociationId: network.vpcId.replace('vpc-', 'vpc-cidr-assoc-'),
          CidrBlock: network.vpcCidr,
          CidrBlockState: { State: 'associated' },
        },
      ],
    },
  ];
}

/** The default subnet, if it passes the request's ids and filters. */
export function describeSubnets(
  accountId: string,
  region: string,
  input: { SubnetIds?: readonly string[] | undefined; Filters?: readonly Ec2Filter[] | undefined },
) {
  const network = defaultNetwork(accountId, region);
  for (const id of input.SubnetIds ?? []) {
    if (id !== network.subnetId) throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
  }
  const fields = new Map<string, readonly string[]>([
    ['subnet-id', [network.subnetId]],
    ['vpc-id', [network.vpcId]],
    ['availability-zone', [network.availabilityZone]],
    ['default-for-az', ['true']],
    ['state', ['available']],
    ['cidr-block', [network.subnetCidr]],
    ['owner-id', [accountId]],
  ]);
  if (!matchesFilters(input.Filters ?? [], fields, [...fields.keys()])) return [];
  return [
    {
      SubnetId: network.subnetId,
      SubnetArn: `arn:aws:ec2:${region}:${accountId}:subnet/${network.subnetId}`,
      VpcId: network.vpcId,
      OwnerId: accountId,
      State: 'available',
      CidrBlock: network.subnetCidr,
      AvailabilityZone: network.availabilityZone,
      AvailabilityZoneId: `${region.replace(/-/g, '').slice(0, 4)}-az1`,
      AvailableIpAddressCount: 4091,
      DefaultForAz: true,
      MapPublicIpOnLaunch: true,
    },
  ];
}

/**
 * @module core/ec2/network
 * The default VPC and its one default subnet, which every account has in every region (VPC User Guide, "Default
 * VPCs": 172.31.0.0/16, one /20 subnet per Availability Zone). They are derived from the account and region rather
 * than stored, so they exist from the account's first request and never change.
 */

import { createHash } from 'node:crypto';

/** The default network of an account in a region. */
export interface DefaultNetwork {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetId: string;
  readonly subnetCidr: string;
  readonly availabilityZone: string;
  readonly dhcpOptionsId: string;
}

const hex17 = (seed: string): string => createHash('sha256').update(seed).digest('hex').slice(0, 17);

/**
 * The default VPC and subnet of `accountId` in `region`.
 *
 * @example
 * defaultNetwork('000000000000', 'us-east-1').vpcCidr; // '172.31.0.0/16'
 */
export function defaultNetwork(accountId: string, region: string): DefaultNetwork {
  return {
    vpcId: `vpc-${hex17(`vpc/${accountId}/${region}`)}`,
    vpcCidr: '172.31.0.0/16',
    subnetId: `subnet-${hex17(`subnet/${accountId}/${region}`)}`,
    subnetCidr: '172.31.0.0/20',
    availabilityZone: `${region}a`,
    dhcpOptionsId: `dopt-${hex17(`dopt/${accountId}/${region}`)}`,
  };
}

/** A private address in the default subnet (172.31.0.0/20, skipping the five addresses AWS reserves). */
export function privateAddress(bytes: Buffer): string {
  const host = 5 + ((((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)) % (4096 - 6));
  return `172.31.${host >> 8}.${host & 0xff}`;
}

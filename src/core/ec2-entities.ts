/**
 * @module core/ec2-entities
 * The EC2 records the domain keeps (instances, their metadata options and profile associations, security
 * groups), as the EC2 model names them. Re-exported by `entities.ts`.
 */

import type { Tag } from './tag.js';

/** EC2 instance states (EC2 model `InstanceStateName`). */
export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** The instance profile associated with an instance (EC2 model `IamInstanceProfileAssociation`). */
export interface InstanceProfileAssociation {
  /** `iip-assoc-` and 17 hex digits. */
  readonly associationId: string;
  readonly instanceProfileArn: string;
  readonly instanceProfileId: string;
  readonly timestamp: Date;
}

/** Instance metadata options (EC2 model `InstanceMetadataOptionsResponse`); tokens are required by default. */
export interface InstanceMetadataOptions {
  readonly httpTokens: 'required' | 'optional';
  readonly httpEndpoint: 'enabled' | 'disabled';
  readonly httpPutResponseHopLimit: number;
}

/**
 * An EC2 instance. No machine runs: the record owns a metadata endpoint that hands the associated profile's role
 * credentials to local processes.
 */
export interface InstanceRecord {
  readonly accountId: string;
  readonly instanceId: string;
  readonly reservationId: string;
  readonly region: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly state: InstanceStateName;
  readonly launchTime: Date;
  readonly privateIpAddress: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly securityGroupIds: readonly string[];
  readonly keyName?: string | undefined;
  readonly tags: readonly Tag[];
  readonly profile?: InstanceProfileAssociation | undefined;
  readonly metadataOptions: InstanceMetadataOptions;
}

/** One rule of a security group, in the EC2 model's `IpPermission` form. */
export interface IpPermissionRecord {
  readonly IpProtocol: string;
  readonly FromPort?: number | undefined;
  readonly ToPort?: number | undefined;
  readonly IpRanges: readonly { readonly CidrIp: string; readonly Description?: string | undefined }[];
  readonly Ipv6Ranges: readonly { readonly CidrIpv6: string; readonly Description?: string | undefined }[];
  readonly UserIdGroupPairs: readonly {
    readonly GroupId: string;
    readonly UserId?: string | undefined;
    readonly Description?: string | undefined;
  }[];
}

/** A VPC security group (`sg-` and 17 hex digits); names are unique per VPC. */
export interface SecurityGroupRecord {
  readonly accountId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly description: string;
  readonly vpcId: string;
  readonly tags: readonly Tag[];
  readonly ingress: readonly IpPermissionRecord[];
  readonly egress: readonly IpPermissionRecord[];
}

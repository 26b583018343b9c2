/**
 * @module core/ec2/wire-types
 * The subset of the EC2 model's shapes (models/ec2/service-2.json) that iamd reads and writes, with the model's
 * member names. Output members iamd never fills are left out; the codec omits absent members.
 */

import type { Tag } from '../entities.js';
import type { Ec2Filter } from './filters.js';

export interface IamInstanceProfileSpecification {
  readonly Arn?: string | undefined;
  readonly Name?: string | undefined;
}

export interface TagSpecification {
  readonly ResourceType?: string | undefined;
  readonly Tags?: readonly Tag[] | undefined;
}

export interface InstanceMetadataOptionsRequest {
  readonly HttpTokens?: 'optional' | 'required' | undefined;
  readonly HttpPutResponseHopLimit?: number | undefined;
  readonly HttpEndpoint?: 'disabled' | 'enabled' | undefined;
}

export interface RunInstancesRequest {
  readonly ImageId?: string | undefined;
  readonly InstanceType?: string | undefined;
  readonly MinCount: number;
  readonly MaxCount: number;
  readonly KeyName?: string | undefined;
  readonly SubnetId?: string | undefined;
  readonly SecurityGroupIds?: readonly string[] | undefined;
  readonly SecurityGroups?: readonly string[] | undefined;
  readonly IamInstanceProfile?: IamInstanceProfileSpecification | undefined;
  readonly TagSpecifications?: readonly TagSpecification[] | undefined;
  readonly MetadataOptions?: InstanceMetadataOptionsRequest | undefined;
  readonly DryRun?: boolean | undefined;
}

export interface InstanceState {
  readonly Code: number;
  readonly Name: string;
}

export interface IamInstanceProfile {
  readonly Arn: string;
  readonly Id: string;
}

export interface Instance {
  readonly InstanceId: string;
  readonly ImageId: string;
  readonly State: InstanceState;
  readonly PrivateDnsName: string;
  readonly PublicDnsName: string;
  readonly KeyName?: string | undefined;
  readonly AmiLaunchIndex: number;
  readonly InstanceType: string;
  readonly LaunchTime: Date;
  readonly Placement: { readonly AvailabilityZone: string; readonly Tenancy: string };
  readonly Monitoring: { readonly State: string };
  readonly SubnetId: string;
  readonly VpcId: string;
  readonly PrivateIpAddress: string;
  readonly Architecture: string;
  readonly RootDeviceType: string;
  readonly RootDeviceName: string;
  readonly IamInstanceProfile?: IamInstanceProfile | undefined;
  readonly SecurityGroups: readonly { readonly GroupId: string; readonly GroupName: string }[];
  readonly Tags?: readonly Tag[] | undefined;
  readonly VirtualizationType: string;
  readonly Hypervisor: string;
  readonly EbsOptimized: boolean;
  readonly EnaSupport: boolean;
  readonly SourceDestCheck: boolean;
  readonly MetadataOptions: {
    readonly State: string;
    readonly HttpTokens: string;
    readonly HttpPutResponseHopLimit: number;
    readonly HttpEndpoint: string;
    readonly HttpProtocolIpv6: string;
    readonly InstanceMetadataTags: string;
  };
  readonly PlatformDetails: string;
}

export interface Reservation {
  readonly ReservationId: string;
  readonly OwnerId: string;
  readonly Groups: readonly never[];
  readonly Instances: readonly Instance[];
}

export interface DescribeInstancesRequest {
  readonly InstanceIds?: readonly string[] | undefined;
  readonly Filters?: readonly Ec2Filter[] | undefined;
  readonly MaxResults?: number | undefined;
  readonly NextToken?: string | undefined;
  readonly DryRun?: boolean | undefined;
}

export interface InstanceIdsRequest {
  readonly InstanceIds: readonly string[];
  readonly DryRun?: boolean | undefined;
}

export interface InstanceStateChange {
  readonly InstanceId: string;
  readonly CurrentState: InstanceState;
  readonly PreviousState: InstanceState;
}

export interface IamInstanceProfileAssociation {
  readonly AssociationId: string;
  readonly InstanceId: string;
  readonly IamInstanceProfile: IamInstanceProfile;
  readonly State: 'associating' | 'associated' | 'disassociating' | 'disassociated';
  readonly Timestamp: Date;
}

export interface DescribeIamInstanceProfileAssociationsRequest {
  readonly AssociationIds?: readonly string[] | undefined;
  readonly Filters?: readonly Ec2Filter[] | undefined;
  readonly MaxResults?: number | undefined;
  readonly NextToken?: string | undefined;
}

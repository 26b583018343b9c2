/**
 * @module core/ec2/instance-wire
 * Instance records in the EC2 model's output shapes (`Instance`, `InstanceState`, `IamInstanceProfileAssociation`).
 * State codes are EC2's: "the high byte is an opaque internal value … the low byte is the state" (EC2 API
 * reference, `InstanceState`).
 */

import type { InstanceRecord, InstanceStateName } from '../entities.js';
import type { IamInstanceProfileAssociation, Instance, InstanceState } from './wire-types.js';

const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** `{ Code, Name }` of a state. */
export const stateOf = (name: InstanceStateName): InstanceState => ({ Code: STATE_CODES[name], Name: name });

/** The EC2 `Instance` structure of a record; `state` overrides the stored state (RunInstances reports `pending`). */
export function instanceToWire(
  record: InstanceRecord,
  groupNames: ReadonlyMap<string, string>,
  state: InstanceStateName = record.state,
): Instance {
  const dns = `ip-${record.privateIpAddress.replace(/\./g, '-')}.ec2.internal`;
  const live = state !== 'terminated';
  return {
    InstanceId: record.instanceId,
    ImageId: record.imageId,
    State: stateOf(state),
    PrivateDnsName: live ? dns : '',
    PublicDnsName: '',
    KeyName: record.keyName,
    AmiLaunchIndex: 0,
    InstanceType: record.instanceType,
    LaunchTime: record.launchTime,
    Placement: { AvailabilityZone: `${record.region}a`, Tenancy: 'default' },
    Monitoring: { State: 'disabled' },
    SubnetId: record.subnetId,
    VpcId: record.vpcId,
    PrivateIpAddress: record.privateIpAddress,
    Architecture: 'x86_64',
    RootDeviceType: 'ebs',
    RootDeviceName: '/dev/xvda',
    IamInstanceProfile: record.profile && {
      Arn: record.profile.instanceProfileArn,
      Id: record.profile.instanceProfileId,
    },
    SecurityGroups: record.securityGroupIds.map((id) => ({ GroupId: id, GroupName: groupNames.get(id) ?? id })),
    Tags: record.tags.length > 0 ? record.tags : undefined,
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EbsOptimized: false,
    EnaSupport: true,
    SourceDestCheck: true,
    MetadataOptions: {
      State: 'applied',
      HttpTokens: record.metadataOptions.httpTokens,
      HttpPutResponseHopLimit: record.metadataOptions.httpPutResponseHopLimit,
      HttpEndpoint: record.metadataOptions.httpEndpoint,
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    PlatformDetails: 'Linux/UNIX',
  };
}

/** The association of an instance's profile, in the EC2 model's shape. */
export function associationToWire(
  record: InstanceRecord,
  state: IamInstanceProfileAssociation['State'] = 'associated',
): IamInstanceProfileAssociation | undefined {
  const profile = record.profile;
  return (
    profile && {
      AssociationId: profile.associationId,
      InstanceId: record.instanceId,
      IamInstanceProfile: { Arn: profile.instanceProfileArn, Id: profile.instanceProfileId },
      State: state,
      Timestamp: profile.timestamp,
    }
  );
}

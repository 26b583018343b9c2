/**
 * The EC2 API with the JS SDK v3 EC2 client over real sockets: the network reads and security-group writes the seed's
 * Terraform makes, then an instance launched with the instance profile through the sequence Terraform's
 * `aws_instance` uses (RunInstances, DescribeInstances, DescribeIamInstanceProfileAssociations, TerminateInstances),
 * profile association changes, `iam:PassRole` enforcement, DryRun and EC2's error envelope.
 */

import {
  AssociateIamInstanceProfileCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateTagsCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DeleteTagsCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DisassociateIamInstanceProfileCommand,
  EC2Client,
  ModifyInstanceMetadataOptionsCommand,
  ReplaceIamInstanceProfileAssociationCommand,
  RevokeSecurityGroupEgressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_NAME, ROLE_NAME } from '../support/scenario.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminClients, seedScenario, seedUntrustedProfile } from './workloads/seed.js';
import { failure } from '../support/aws-clients.js';

let t: TestApp;
let ec2: EC2Client;
const client = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new EC2Client({ endpoint: t.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

beforeAll(async () => {
  t = await startTestApp({ imdsPortRange: '0' });
  await seedScenario(t);
  await seedUntrustedProfile(t, 'tasks-only');
  ec2 = client(t.root);
});

afterAll(async () => {
  await t?.app.close();
});

describe('network reads and security groups', () => {
  it('has a default VPC and subnet', async () => {
    const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    expect(vpcs.Vpcs).toHaveLength(1);
    expect(vpcs.Vpcs![0]).toMatchObject({
      IsDefault: true,
      CidrBlock: '172.31.0.0/16',
      State: 'available',
      OwnerId: t.accountId,
    });
    const subnets = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcs.Vpcs![0]!.VpcId!] }] }),
    );
    expect(subnets.Subnets![0]).toMatchObject({ DefaultForAz: true, AvailabilityZone: 'us-east-1a' });
    const missing = await failure(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })));
    expect(missing).toMatchObject({ name: 'InvalidVpcID.NotFound', status: 400 });
  });

  it('creates a group, edits its rules as Terraform does, and deletes it', async () => {
    const created = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'web',
        Description: 'web servers',
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'Name', Value: 'web' }] }],
      }),
    );
    const GroupId = created.GroupId!;
    expect(GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    await ec2.send(
      new RevokeSecurityGroupEgressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const ingress = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }] },
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
        ],
      }),
    );
    expect(ingress.Return).toBe(true);
    expect(ingress.SecurityGroupRules?.map((rule) => rule.SecurityGroupRuleId)).toEqual([
      expect.stringMatching(/^sgr-/),
      expect.stringMatching(/^sgr-/),
    ]);
    await ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const duplicate = await failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          CidrIp: '10.0.0.0/8',
        }),
      ),
    );
    expect(duplicate.name).toBe('InvalidPermission.Duplicate');
    const described = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }));
    const group = described.SecurityGroups![0]!;
    expect(group).toMatchObject({
      GroupName: 'web',
      Description: 'web servers',
      Tags: [{ Key: 'Name', Value: 'web' }],
    });
    expect(group.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }, { CidrIp: '10.0.0.0/8' }],
      }),
    ]);
    expect(group.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443 })]);
    const byName = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default', 'web'] }] }),
    );
    expect(byName.SecurityGroups?.map((g) => g.GroupName).sort()).toEqual(['default', 'web']);
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId }));
    const gone = await failure(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] })));
    expect(gone).toMatchObject({ name: 'InvalidGroup.NotFound', status: 400 });
  });
});

describe('an instance with the instance profile, as Terraform manages it', () => {
  it('runs, describes, changes the profile association, stops, starts and terminates', async () => {
    const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app' }));
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0abcdef1234567890',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SecurityGroupIds: [group.GroupId!],
        IamInstanceProfile: { Name: PROFILE_NAME },
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'seed-app' }] }],
        MetadataOptions: { HttpTokens: 'required' },
      }),
    );
    const launched = run.Instances![0]!;
    const id = launched.InstanceId!;
    expect(id).toMatch(/^i-[0-9a-f]{17}$/);
    expect(launched.State).toEqual({ Code: 0, Name: 'pending' });
    expect(launched.IamInstanceProfile?.Arn).toBe(`arn:aws:iam::${t.accountId}:instance-profile/${PROFILE_NAME}`);
    expect(run.OwnerId).toBe(t.accountId);

    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const instance = described.Reservations![0]!.Instances![0]!;
    expect(instance).toMatchObject({
      State: { Code: 16, Name: 'running' },
      InstanceType: 't3.micro',
      ImageId: 'ami-0abcdef1234567890',
      Tags: [{ Key: 'Name', Value: 'seed-app' }],
      SecurityGroups: [{ GroupId: group.GroupId, GroupName: 'app' }],
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
    });
    expect(instance.LaunchTime).toBeInstanceOf(Date);
    const byTag = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:Name', Values: ['seed-*'] },
          { Name: 'instance-state-name', Values: ['running'] },
        ],
      }),
    );
    expect(byTag.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual([id]);

    const associations = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({ Filters: [{ Name: 'instance-id', Values: [id] }] }),
    );
    const association = associations.IamInstanceProfileAssociations![0]!;
    expect(association).toMatchObject({ InstanceId: id, State: 'associated' });
    expect(association.AssociationId).toMatch(/^iip-assoc-[0-9a-f]{17}$/);

    const replaced = await ec2.send(
      new ReplaceIamInstanceProfileAssociationCommand({
        AssociationId: association.AssociationId!,
        IamInstanceProfile: { Arn: `arn:aws:iam::${t.accountId}:instance-profile/tasks-only` },
      }),
    );
    expect(replaced.IamInstanceProfileAssociation?.IamInstanceProfile?.Arn).toContain('instance-profile/tasks-only');
    await ec2.send(
      new DisassociateIamInstanceProfileCommand({
        AssociationId: replaced.IamInstanceProfileAssociation!.AssociationId!,
      }),
    );
    const none = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({ Filters: [{ Name: 'instance-id', Values: [id] }] }),
    );
    expect(none.IamInstanceProfileAssociations).toEqual([]);
    const again = await ec2.send(
      new AssociateIamInstanceProfileCommand({ InstanceId: id, IamInstanceProfile: { Name: PROFILE_NAME } }),
    );
    expect(again.IamInstanceProfileAssociation?.State).toBe('associating');

    const stopped = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stopped.StoppingInstances![0]).toMatchObject({
      CurrentState: { Name: 'stopping' },
      PreviousState: { Name: 'running' },
    });
    expect(t.app.services.ec2.metadataEndpointOf(id)).toBeUndefined();
    const started = await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(started.StartingInstances![0]).toMatchObject({
      CurrentState: { Name: 'pending' },
      PreviousState: { Name: 'stopped' },
    });
    expect(t.app.services.ec2.metadataEndpointOf(id)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const inUse = await failure(ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId! })));
    expect(inUse.name).toBe('DependencyViolation');
    const terminated = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(terminated.TerminatingInstances![0]).toMatchObject({
      InstanceId: id,
      CurrentState: { Code: 32, Name: 'shutting-down' },
      PreviousState: { Code: 16, Name: 'running' },
    });
    const after = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(after.Reservations![0]!.Instances![0]!.State?.Name).toBe('terminated');
    expect(t.app.services.ec2.metadataEndpointOf(id)).toBeUndefined();
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId! }));
  });

  it('tags instances and groups, and switches an instance to IMDSv1-optional', async () => {
    const run = await ec2.send(
      new RunInstancesCommand({ MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: PROFILE_NAME } }),
    );
    const id = run.Instances![0]!.InstanceId!;
    const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'tagged', Description: 'tags' }));
    await ec2.send(
      new CreateTagsCommand({
        Resources: [id, group.GroupId!],
        Tags: [
          { Key: 'env', Value: 'dev' },
          { Key: 'team', Value: 'a' },
        ],
      }),
    );
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'env', Value: 'prod' }] }));
    await ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'team', Value: 'other' }] }));
    await ec2.send(new DeleteTagsCommand({ Resources: [group.GroupId!], Tags: [{ Key: 'team' }] }));
    const described = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:env', Values: ['prod'] }] }),
    );
    expect(described.Reservations![0]!.Instances![0]!.Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'a' },
    ]);
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group.GroupId!] }));
    expect(groups.SecurityGroups![0]!.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    const endpoint = t.app.services.ec2.metadataEndpointOf(id)!;
    expect((await fetch(`${endpoint}/latest/meta-data/instance-id`)).status).toBe(401);
    const modified = await ec2.send(
      new ModifyInstanceMetadataOptionsCommand({ InstanceId: id, HttpTokens: 'optional' }),
    );
    expect(modified.InstanceMetadataOptions).toMatchObject({ HttpTokens: 'optional', HttpEndpoint: 'enabled' });
    expect(await (await fetch(`${endpoint}/latest/meta-data/instance-id`)).text()).toBe(id);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const badId = await failure(
      ec2.send(new CreateTagsCommand({ Resources: ['vol-123'], Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    expect(badId.name).toBe('InvalidParameterValue');
  });

  it('answers unknown and malformed instance ids with EC2 codes', async () => {
    expect(
      await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }))),
    ).toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-0123456789abcdef0' does not exist",
      status: 400,
    });
    expect(await failure(ec2.send(new TerminateInstancesCommand({ InstanceIds: ['web-1'] })))).toMatchObject({
      name: 'InvalidInstanceID.Malformed',
    });
  });

  it('rejects an unknown instance profile with the message Terraform retries on', async () => {
    const error = await failure(
      ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: 'not-yet' } })),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value (not-yet) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name',
    });
  });

  it('answers a DryRun that would succeed with DryRunOperation', async () => {
    const error = await failure(ec2.send(new DescribeInstancesCommand({ DryRun: true })));
    expect(error).toMatchObject({ name: 'DryRunOperation', status: 412 });
  });

  it('enforces iam:PassRole on launch, naming the role', async () => {
    const { iam } = adminClients(t);
    await iam.send(new CreateUserCommand({ UserName: 'launcher' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'launcher',
        PolicyName: 'ec2-only',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:CreateTags', 'ec2:Describe*'], Resource: '*' },
          ],
        }),
      }),
    );
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'launcher' }));
    const launcher = client({
      accessKeyId: key.AccessKey!.AccessKeyId!,
      secretAccessKey: key.AccessKey!.SecretAccessKey!,
    });
    const denied = await failure(
      launcher.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: PROFILE_NAME } })),
    );
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.status).toBe(403);
    expect(denied.message).toBe(
      `You are not authorized to perform this operation. User: arn:aws:iam::${t.accountId}:user/launcher is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${t.accountId}:role/${ROLE_NAME} because no identity-based policy allows the iam:PassRole action`,
    );
    const plain = await launcher.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1 }));
    expect(plain.Instances?.[0]?.IamInstanceProfile).toBeUndefined();
  });
});

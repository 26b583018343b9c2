/**
 * @module operations/ec2
 * The EC2 operations iamd serves, each authorized as the EC2 Service Authorization Reference lists it: the action on
 * the instance ARN (`arn:aws:ec2:<region>:<account>:instance/<id>`, `instance/*` for a launch), with the instance's
 * tags as `aws:ResourceTag/*` and `ec2:ResourceTag/*`. Launching with, associating or replacing an instance profile
 * also needs `iam:PassRole` on its role, with `iam:PassedToService` = `ec2.amazonaws.com` (IAM User Guide, "Grant a
 * user permissions to pass a role to an AWS service"). A `DryRun` that would succeed fails with DryRunOperation.
 */

import type { AuthorizationSpec, Caller } from '../core/authz/index.js';
import {
  EC2_PRINCIPAL,
  type Ec2,
  type ProfileRole,
  type TagFilter,
  taggableKind,
  withoutTags,
  withTags,
} from '../core/ec2/index.js';
import type { InstanceRecord, Tag } from '../core/entities.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation, type OperationContext, operationTable } from './define-operation.js';
import { dryRun, type Filtered, groupArn, instanceArn } from './ec2-common.js';
import { ec2NetworkOperations } from './ec2-network-ops.js';
import { resourceTagContext, tagContext } from './resource-tags.js';

const onInstance = (context: OperationContext, action: string, instance: InstanceRecord): AuthorizationSpec => ({
  action,
  resource: instanceArn(context, instance.instanceId),
  context: { ...resourceTagContext(instance.tags, 'ec2'), 'ec2:Region': context.services.region },
});

/** `iam:PassRole` on the profile's role, when it has one (an empty profile passes nothing). */
function passRole(target: ProfileRole, associatedArn: string): AuthorizationSpec[] {
  const role = target.role;
  if (!role) return [];
  return [
    {
      action: 'iam:PassRole',
      resource: role.arn,
      context: { 'iam:PassedToService': EC2_PRINCIPAL, 'iam:AssociatedResourceArn': associatedArn },
    },
  ];
}

const instances = (caller: Caller, context: OperationContext, ids: readonly string[]) =>
  Promise.all(ids.map((id) => context.services.ec2.instances.require(accountOf(caller), id)));

const runInstances = defineOperation<Ec2.RunInstancesRequest, Ec2.Reservation>('ec2', 'RunInstances', {
  authorize: async (input, context) => {
    const account = accountOf(context.caller);
    const tags = (input.TagSpecifications ?? []).flatMap((spec) => spec.Tags ?? []);
    const launch: AuthorizationSpec = {
      action: 'ec2:RunInstances',
      resource: instanceArn(context, '*'),
      context: {
        ...tagContext(tags),
        'ec2:InstanceType': input.InstanceType ?? 'm1.small',
        'ec2:Region': context.services.region,
      },
    };
    const specs = [launch];
    if (tags.length > 0) {
      specs.push({
        ...launch,
        action: 'ec2:CreateTags',
        context: { ...launch.context, 'ec2:CreateAction': 'RunInstances' },
      });
    }
    if (input.IamInstanceProfile) {
      const target = await context.services.ec2.associations.target(account, input.IamInstanceProfile);
      specs.push(...passRole(target, instanceArn(context, '*')));
    }
    return specs;
  },
  handle: async (input, context) => {
    const account = accountOf(context.caller);
    const groups = await context.services.ec2.securityGroups.resolve(
      account,
      input.SecurityGroupIds ?? [],
      input.SecurityGroups ?? [],
    );
    dryRun(input);
    return context.services.ec2.instances.run(account, input, groups);
  },
});

const describeInstances = defineOperation<Ec2.DescribeInstancesRequest, { Reservations: Ec2.Reservation[] }>(
  'ec2',
  'DescribeInstances',
  {
    authorize: () => ({ action: 'ec2:DescribeInstances', resource: '*' }),
    handle: async (input, context) => {
      dryRun(input);
      const account = accountOf(context.caller);
      const names = await context.services.ec2.securityGroups.names(account);
      return context.services.ec2.instances.describe(account, input, names);
    },
  },
);

function transition(name: string, action: 'stop' | 'start' | 'terminate', output: string): AnyOperation {
  return defineOperation<Ec2.InstanceIdsRequest, Record<string, Ec2.InstanceStateChange[]>>('ec2', name, {
    authorize: async (input, context) =>
      (await instances(context.caller, context, input.InstanceIds)).map((instance) =>
        onInstance(context, `ec2:${name}`, instance),
      ),
    handle: async (input, context) => {
      dryRun(input);
      const changes = await context.services.ec2.instances.transition(
        accountOf(context.caller),
        input.InstanceIds,
        action,
      );
      return { [output]: changes };
    },
  });
}

const associate = defineOperation<
  { InstanceId: string; IamInstanceProfile: Ec2.IamInstanceProfileSpecification },
  { IamInstanceProfileAssociation: Ec2.IamInstanceProfileAssociation }
>('ec2', 'AssociateIamInstanceProfile', {
  authorize: async (input, context) => {
    const [instance] = await instances(context.caller, context, [input.InstanceId]);
    if (!instance) return [];
    const target = await context.services.ec2.associations.target(accountOf(context.caller), input.IamInstanceProfile);
    return [
      onInstance(context, 'ec2:AssociateIamInstanceProfile', instance),
      ...passRole(target, instanceArn(context, instance.instanceId)),
    ];
  },
  handle: async (input, context) => ({
    IamInstanceProfileAssociation: await context.services.ec2.associations.associate(
      accountOf(context.caller),
      input.InstanceId,
      input.IamInstanceProfile,
    ),
  }),
});

const replace = defineOperation<
  { AssociationId: string; IamInstanceProfile: Ec2.IamInstanceProfileSpecification },
  { IamInstanceProfileAssociation: Ec2.IamInstanceProfileAssociation }
>('ec2', 'ReplaceIamInstanceProfileAssociation', {
  authorize: async (input, context) => {
    const account = accountOf(context.caller);
    const instance = await context.services.ec2.associations.holder(account, input.AssociationId);
    const target = await context.services.ec2.associations.target(account, input.IamInstanceProfile);
    return [
      onInstance(context, 'ec2:ReplaceIamInstanceProfileAssociation', instance),
      ...passRole(target, instanceArn(context, instance.instanceId)),
    ];
  },
  handle: async (input, context) => ({
    IamInstanceProfileAssociation: await context.services.ec2.associations.replace(
      accountOf(context.caller),
      input.AssociationId,
      input.IamInstanceProfile,
    ),
  }),
});

const disassociate = defineOperation<
  { AssociationId: string },
  { IamInstanceProfileAssociation: Ec2.IamInstanceProfileAssociation }
>('ec2', 'DisassociateIamInstanceProfile', {
  authorize: async (input, context) => {
    const instance = await context.services.ec2.associations.holder(accountOf(context.caller), input.AssociationId);
    return onInstance(context, 'ec2:DisassociateIamInstanceProfile', instance);
  },
  handle: async (input, context) => ({
    IamInstanceProfileAssociation: await context.services.ec2.associations.disassociate(
      accountOf(context.caller),
      input.AssociationId,
    ),
  }),
});

const describeAssociations = defineOperation<
  Ec2.DescribeIamInstanceProfileAssociationsRequest,
  { IamInstanceProfileAssociations: Ec2.IamInstanceProfileAssociation[] }
>('ec2', 'DescribeIamInstanceProfileAssociations', {
  authorize: () => ({ action: 'ec2:DescribeIamInstanceProfileAssociations', resource: '*' }),
  handle: async (input, context) => ({
    IamInstanceProfileAssociations: await context.services.ec2.associations.describe(accountOf(context.caller), input),
  }),
});

const resourceArn = (context: OperationContext, id: string) =>
  taggableKind(id) === 'instance' ? instanceArn(context, id) : groupArn(context, id);

function tagOperation(name: 'CreateTags' | 'DeleteTags'): AnyOperation {
  return defineOperation<Filtered & { Resources: readonly string[]; Tags?: readonly TagFilter[] }, unknown>(
    'ec2',
    name,
    {
      authorize: async (input, context) => {
        const account = accountOf(context.caller);
        const tags = input.Tags ?? [];
        const specs: AuthorizationSpec[] = [];
        for (const id of input.Resources) {
          const current = await context.services.ec2.tagging.tagsOf(account, id);
          specs.push({
            action: `ec2:${name}`,
            resource: resourceArn(context, id),
            context: {
              ...resourceTagContext(current, 'ec2'),
              ...(name === 'CreateTags'
                ? tagContext(tags.map((tag) => ({ Key: tag.Key, Value: tag.Value ?? '' })))
                : {}),
              'aws:TagKeys': tags.map((tag) => tag.Key),
            },
          });
        }
        return specs;
      },
      handle: async (input, context) => {
        dryRun(input);
        const tags = input.Tags ?? [];
        const change =
          name === 'CreateTags'
            ? (current: readonly Tag[]) =>
                withTags(
                  current,
                  tags.map((tag) => ({ Key: tag.Key, Value: tag.Value ?? '' })),
                )
            : (current: readonly Tag[]) => (tags.length === 0 ? [] : withoutTags(current, tags));
        await context.services.ec2.tagging.update(accountOf(context.caller), input.Resources, change);
        return {};
      },
    },
  );
}

const modifyMetadataOptions = defineOperation<
  Filtered & { InstanceId: string } & Ec2.InstanceMetadataOptionsRequest,
  unknown
>('ec2', 'ModifyInstanceMetadataOptions', {
  authorize: async (input, context) => {
    const [instance] = await instances(context.caller, context, [input.InstanceId]);
    return instance ? onInstance(context, 'ec2:ModifyInstanceMetadataOptions', instance) : [];
  },
  handle: async (input, context) => {
    dryRun(input);
    const updated = await context.services.ec2.instances.modifyMetadataOptions(
      accountOf(context.caller),
      input.InstanceId,
      input,
    );
    const options = updated.metadataOptions;
    return {
      InstanceId: updated.instanceId,
      InstanceMetadataOptions: {
        State: 'applied',
        HttpTokens: options.httpTokens,
        HttpPutResponseHopLimit: options.httpPutResponseHopLimit,
        HttpEndpoint: options.httpEndpoint,
        HttpProtocolIpv6: 'disabled',
        InstanceMetadataTags: 'disabled',
      },
    };
  },
});

/** Every EC2 operation iamd serves, by name. */
export const ec2Operations = operationTable([
  ...ec2NetworkOperations,
  runInstances,
  describeInstances,
  transition('TerminateInstances', 'terminate', 'TerminatingInstances'),
  transition('StopInstances', 'stop', 'StoppingInstances'),
  transition('StartInstances', 'start', 'StartingInstances'),
  associate,
  replace,
  disassociate,
  describeAssociations,
  tagOperation('CreateTags'),
  tagOperation('DeleteTags'),
  modifyMetadataOptions,
] as AnyOperation[]);

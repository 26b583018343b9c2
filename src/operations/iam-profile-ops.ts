/**
 * @module operations/iam-profile-ops
 * Instance profile operations. The resource is the profile's ARN (with its path).
 */

import type { Caller } from '../core/authz/index.js';
import type { Services } from '../core/services.js';
import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, iamArnOf, onPrincipal, principalTarget, profileTarget, requestTags } from './iam-targets.js';

type Context = Record<string, string | readonly string[] | undefined>;

const onProfile =
  <I extends { InstanceProfileName: string }>(action: string, extra?: (input: I) => Context) =>
  async (input: I, { caller, services }: { caller: Caller; services: Services }) => {
    const target = await profileTarget(services, caller, input.InstanceProfileName);
    return { action, resource: target.arn, context: { ...target.tags, ...extra?.(input) } };
  };

/** Instance profile operations. */
export const profileOperations: AnyOperation[] = [
  defineOperation<Iam.CreateInstanceProfileRequest, Iam.CreateInstanceProfileResponse>('iam', 'CreateInstanceProfile', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateInstanceProfile',
      resource: iamArnOf(caller, 'instance-profile', input.Path, input.InstanceProfileName),
      context: requestTags(input.Tags),
    }),
    handle: (input, { caller, services }) => services.iam.instanceProfiles.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetInstanceProfileRequest, Iam.GetInstanceProfileResponse>('iam', 'GetInstanceProfile', {
    authorize: onProfile('iam:GetInstanceProfile'),
    handle: (input, { caller, services }) => services.iam.instanceProfiles.get(accountOf(caller), input),
  }),
  defineOperation<Iam.ListInstanceProfilesRequest, Iam.ListInstanceProfilesResponse>('iam', 'ListInstanceProfiles', {
    authorize: (input, { caller }) => ({
      action: 'iam:ListInstanceProfiles',
      resource: iamArnOf(caller, 'instance-profile', input.PathPrefix, ''),
    }),
    handle: (input, { caller, services }) => services.iam.instanceProfiles.list(accountOf(caller), input),
  }),
  defineOperation<Iam.ListInstanceProfilesForRoleRequest, Iam.ListInstanceProfilesForRoleResponse>(
    'iam',
    'ListInstanceProfilesForRole',
    {
      authorize: onPrincipal(
        'role',
        'iam:ListInstanceProfilesForRole',
        (input: { RoleName: string }) => input.RoleName,
      ),
      handle: (input, { caller, services }) => services.iam.instanceProfiles.listForRole(accountOf(caller), input),
    },
  ),
  defineOperation<Iam.DeleteInstanceProfileRequest, undefined>('iam', 'DeleteInstanceProfile', {
    authorize: onProfile('iam:DeleteInstanceProfile'),
    handle: done((input, { caller, services }) => services.iam.instanceProfiles.delete(accountOf(caller), input)),
  }),
  defineOperation<Iam.AddRoleToInstanceProfileRequest, undefined>('iam', 'AddRoleToInstanceProfile', {
    // Putting a role in a profile hands it to EC2, so IAM also requires iam:PassRole on the role.
    authorize: async (input, { caller, services }) => [
      await onProfile('iam:AddRoleToInstanceProfile')(input, { caller, services }),
      {
        action: 'iam:PassRole',
        resource: (await principalTarget(services, caller, 'role', input.RoleName)).arn,
        context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
      },
    ],
    handle: done((input, { caller, services }) => services.iam.instanceProfiles.addRole(accountOf(caller), input)),
  }),
  defineOperation<Iam.RemoveRoleFromInstanceProfileRequest, undefined>('iam', 'RemoveRoleFromInstanceProfile', {
    authorize: onProfile('iam:RemoveRoleFromInstanceProfile'),
    handle: done((input, { caller, services }) => services.iam.instanceProfiles.removeRole(accountOf(caller), input)),
  }),
  defineOperation<Iam.TagInstanceProfileRequest, undefined>('iam', 'TagInstanceProfile', {
    authorize: onProfile('iam:TagInstanceProfile', (input: Iam.TagInstanceProfileRequest) => requestTags(input.Tags)),
    handle: done((input, { caller, services }) => services.iam.instanceProfiles.tag(accountOf(caller), input)),
  }),
  defineOperation<Iam.UntagInstanceProfileRequest, undefined>('iam', 'UntagInstanceProfile', {
    authorize: onProfile('iam:UntagInstanceProfile', (input: Iam.UntagInstanceProfileRequest) => ({
      'aws:TagKeys': input.TagKeys,
    })),
    handle: done((input, { caller, services }) => services.iam.instanceProfiles.untag(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListInstanceProfileTagsRequest, Iam.ListInstanceProfileTagsResponse>(
    'iam',
    'ListInstanceProfileTags',
    {
      authorize: onProfile('iam:ListInstanceProfileTags'),
      handle: (input, { caller, services }) => services.iam.instanceProfiles.listTags(accountOf(caller), input),
    },
  ),
];

/**
 * @module operations/iam
 * The IAM operations iamd serves: action, resource ARN and condition keys as the Service Authorization Reference
 * lists them for IAM ("Actions, resources, and condition keys for AWS Identity and Access Management").
 */

import type { AuthorizationSpec, Caller } from '../core/authz/index.js';
import type { Tag } from '../core/entities.js';
import type { Services } from '../core/services.js';
import type { Iam } from '../shapes/index.js';
import { accountCaller, accountOf } from './account-of.js';
import { type AnyOperation, defineOperation, operationTable } from './define-operation.js';
import { resourceTagContext } from './resource-tags.js';

const arn = (caller: Caller, type: string, path: string | undefined, name: string) =>
  `arn:aws:iam::${accountOf(caller)}:${type}${path ?? '/'}${name}`;

/** The role's real ARN (with its path) when it exists, so path-scoped policies match, and its tags. */
async function roleTarget(services: Services, caller: Caller, roleName: string) {
  const role = await services.iam.roles.require(accountOf(caller), roleName).catch(() => undefined);
  return { arn: role?.arn ?? arn(caller, 'role', '/', roleName), tags: resourceTagContext(role?.tags ?? [], true) };
}

/** `aws:RequestTag/*` and `aws:TagKeys` for requests that carry tags. */
function tagContext(tags: readonly Tag[] | undefined): Record<string, string | readonly string[]> {
  if (!tags || tags.length === 0) return {};
  const context: Record<string, string | readonly string[]> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value;
  return context;
}

const roleAction =
  <I extends { RoleName: string }>(action: string, extra?: (input: I) => Record<string, string>) =>
  async (input: I, { caller, services }: { caller: Caller; services: Services }): Promise<AuthorizationSpec> => {
    const target = await roleTarget(services, caller, input.RoleName);
    return { action, resource: target.arn, context: { ...target.tags, ...extra?.(input) } };
  };

const roleOperations: AnyOperation[] = [
  defineOperation<Iam.CreateRoleRequest, Iam.CreateRoleResponse>('iam', 'CreateRole', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateRole',
      resource: arn(caller, 'role', input.Path, input.RoleName),
      context: { ...tagContext(input.Tags), 'iam:PermissionsBoundary': input.PermissionsBoundary },
    }),
    handle: (input, { caller, services }) => services.iam.roles.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetRoleRequest, Iam.GetRoleResponse>('iam', 'GetRole', {
    authorize: roleAction('iam:GetRole'),
    handle: (input, { caller, services }) => services.iam.roles.get(accountOf(caller), input),
  }),
  defineOperation<Iam.DeleteRoleRequest, undefined>('iam', 'DeleteRole', {
    authorize: roleAction('iam:DeleteRole'),
    handle: async (input, { caller, services }) => {
      await services.iam.roles.delete(accountOf(caller), input);
      return undefined;
    },
  }),
  defineOperation<Iam.ListRolesRequest, Iam.ListRolesResponse>('iam', 'ListRoles', {
    authorize: (input, { caller }) => ({
      action: 'iam:ListRoles',
      resource: arn(caller, 'role', input.PathPrefix, ''),
    }),
    handle: (input, { caller, services }) => services.iam.roles.list(accountOf(caller), input),
  }),
  defineOperation<Iam.PutRolePolicyRequest, undefined>('iam', 'PutRolePolicy', {
    authorize: roleAction('iam:PutRolePolicy'),
    handle: async (input, { caller, services }) => {
      await services.iam.roles.putPolicy(accountOf(caller), input);
      return undefined;
    },
  }),
  defineOperation<Iam.GetRolePolicyRequest, Iam.GetRolePolicyResponse>('iam', 'GetRolePolicy', {
    authorize: roleAction('iam:GetRolePolicy'),
    handle: (input, { caller, services }) => services.iam.roles.getPolicy(accountOf(caller), input),
  }),
  defineOperation<Iam.AttachRolePolicyRequest, undefined>('iam', 'AttachRolePolicy', {
    authorize: roleAction('iam:AttachRolePolicy', (input: Iam.AttachRolePolicyRequest) => ({
      'iam:PolicyARN': input.PolicyArn,
    })),
    handle: async (input, { caller, services }) => {
      await services.iam.roles.attachPolicy(accountOf(caller), input);
      return undefined;
    },
  }),
  defineOperation<Iam.DetachRolePolicyRequest, undefined>('iam', 'DetachRolePolicy', {
    authorize: roleAction('iam:DetachRolePolicy', (input: Iam.DetachRolePolicyRequest) => ({
      'iam:PolicyARN': input.PolicyArn,
    })),
    handle: async (input, { caller, services }) => {
      await services.iam.roles.detachPolicy(accountOf(caller), input);
      return undefined;
    },
  }),
  defineOperation<Iam.ListAttachedRolePoliciesRequest, Iam.ListAttachedRolePoliciesResponse>(
    'iam',
    'ListAttachedRolePolicies',
    {
      authorize: roleAction('iam:ListAttachedRolePolicies'),
      handle: (input, { caller, services }) => services.iam.roles.listAttachedPolicies(accountOf(caller), input),
    },
  ),
];

const policyOperations: AnyOperation[] = [
  defineOperation<Iam.CreatePolicyRequest, Iam.CreatePolicyResponse>('iam', 'CreatePolicy', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreatePolicy',
      resource: arn(caller, 'policy', input.Path, input.PolicyName),
      context: tagContext(input.Tags),
    }),
    handle: (input, { caller, services }) => services.iam.policies.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetPolicyRequest, Iam.GetPolicyResponse>('iam', 'GetPolicy', {
    authorize: (input) => ({ action: 'iam:GetPolicy', resource: input.PolicyArn }),
    handle: (input, { services }) => services.iam.policies.get(input),
  }),
  defineOperation<Iam.GetPolicyVersionRequest, Iam.GetPolicyVersionResponse>('iam', 'GetPolicyVersion', {
    authorize: (input) => ({ action: 'iam:GetPolicyVersion', resource: input.PolicyArn }),
    handle: (input, { services }) => services.iam.policies.getVersion(input),
  }),
  defineOperation<Iam.DeletePolicyRequest, undefined>('iam', 'DeletePolicy', {
    authorize: (input) => ({ action: 'iam:DeletePolicy', resource: input.PolicyArn }),
    handle: async (input, { services }) => {
      await services.iam.policies.delete(input);
      return undefined;
    },
  }),
];

const profileOperations: AnyOperation[] = [
  defineOperation<Iam.CreateInstanceProfileRequest, Iam.CreateInstanceProfileResponse>('iam', 'CreateInstanceProfile', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateInstanceProfile',
      resource: arn(caller, 'instance-profile', input.Path, input.InstanceProfileName),
      context: tagContext(input.Tags),
    }),
    handle: (input, { caller, services }) => services.iam.instanceProfiles.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetInstanceProfileRequest, Iam.GetInstanceProfileResponse>('iam', 'GetInstanceProfile', {
    authorize: (input, { caller }) => ({
      action: 'iam:GetInstanceProfile',
      resource: arn(caller, 'instance-profile', '/', input.InstanceProfileName),
    }),
    handle: (input, { caller, services }) => services.iam.instanceProfiles.get(accountOf(caller), input),
  }),
  defineOperation<Iam.AddRoleToInstanceProfileRequest, undefined>('iam', 'AddRoleToInstanceProfile', {
    // Putting a role in a profile hands it to EC2, so IAM also requires iam:PassRole on the role.
    authorize: async (input, { caller, services }) => [
      {
        action: 'iam:AddRoleToInstanceProfile',
        resource: arn(caller, 'instance-profile', '/', input.InstanceProfileName),
      },
      {
        action: 'iam:PassRole',
        resource: (await roleTarget(services, caller, input.RoleName)).arn,
        context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
      },
    ],
    handle: async (input, { caller, services }) => {
      await services.iam.instanceProfiles.addRole(accountOf(caller), input);
      return undefined;
    },
  }),
];

const userOperations: AnyOperation[] = [
  defineOperation<Iam.CreateUserRequest, Iam.CreateUserResponse>('iam', 'CreateUser', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateUser',
      resource: arn(caller, 'user', input.Path, input.UserName),
      context: { ...tagContext(input.Tags), 'iam:PermissionsBoundary': input.PermissionsBoundary },
    }),
    handle: (input, { caller, services }) => services.iam.users.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetUserRequest, Iam.GetUserResponse>('iam', 'GetUser', {
    authorize: (input, { caller }) => ({
      action: 'iam:GetUser',
      resource: input.UserName === undefined ? accountCaller(caller).arn : arn(caller, 'user', '/', input.UserName),
    }),
    handle: (input, { caller, services }) => services.iam.users.get(accountCaller(caller), input),
  }),
  defineOperation<Iam.CreateAccessKeyRequest, Iam.CreateAccessKeyResponse>('iam', 'CreateAccessKey', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateAccessKey',
      resource: input.UserName === undefined ? accountCaller(caller).arn : arn(caller, 'user', '/', input.UserName),
    }),
    handle: (input, { caller, services }) => services.iam.users.createAccessKey(accountCaller(caller), input),
  }),
];

const simulationOperations: AnyOperation[] = [
  defineOperation<Iam.SimulateCustomPolicyRequest, Iam.SimulatePolicyResponse>('iam', 'SimulateCustomPolicy', {
    authorize: () => ({ action: 'iam:SimulateCustomPolicy', resource: '*' }),
    handle: (input, { caller, services }) => services.iam.simulator.simulateCustom(accountOf(caller), input),
  }),
  defineOperation<Iam.SimulatePrincipalPolicyRequest, Iam.SimulatePolicyResponse>('iam', 'SimulatePrincipalPolicy', {
    authorize: (input) => ({ action: 'iam:SimulatePrincipalPolicy', resource: input.PolicySourceArn }),
    handle: (input, { caller, services }) => services.iam.simulator.simulatePrincipal(accountOf(caller), input),
  }),
];

/** Every IAM operation iamd serves, by name. */
export const iamOperations = operationTable([
  ...roleOperations,
  ...policyOperations,
  ...profileOperations,
  ...userOperations,
  ...simulationOperations,
]);

/**
 * @module operations/iam-role-ops
 * IAM role operations (inline and attached role policies: ./iam-identity-policy-ops.ts).
 */

import { serviceLinkedRoleName } from '../core/iam/index.js';
import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, iamArnOf, onPrincipal, requestTags } from './iam-targets.js';

const roleName = (input: { RoleName: string }) => input.RoleName;

/** Role operations. */
export const roleOperations: AnyOperation[] = [
  defineOperation<Iam.CreateRoleRequest, Iam.CreateRoleResponse>('iam', 'CreateRole', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateRole',
      resource: iamArnOf(caller, 'role', input.Path, input.RoleName),
      context: { ...requestTags(input.Tags), 'iam:PermissionsBoundary': input.PermissionsBoundary },
    }),
    handle: (input, { caller, services }) => services.iam.roles.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetRoleRequest, Iam.GetRoleResponse>('iam', 'GetRole', {
    authorize: onPrincipal('role', 'iam:GetRole', roleName),
    handle: (input, { caller, services }) => services.iam.roles.get(accountOf(caller), input),
  }),
  defineOperation<Iam.ListRolesRequest, Iam.ListRolesResponse>('iam', 'ListRoles', {
    authorize: (input, { caller }) => ({
      action: 'iam:ListRoles',
      resource: iamArnOf(caller, 'role', input.PathPrefix, ''),
    }),
    handle: (input, { caller, services }) => services.iam.roles.list(accountOf(caller), input),
  }),
  defineOperation<Iam.DeleteRoleRequest, undefined>('iam', 'DeleteRole', {
    authorize: onPrincipal('role', 'iam:DeleteRole', roleName),
    handle: done((input, { caller, services }) => services.iam.roles.delete(accountOf(caller), input)),
  }),
  defineOperation<Iam.UpdateRoleRequest, undefined>('iam', 'UpdateRole', {
    authorize: onPrincipal('role', 'iam:UpdateRole', roleName),
    handle: done((input, { caller, services }) => services.iam.roles.update(accountOf(caller), input)),
  }),
  defineOperation<Iam.UpdateRoleDescriptionRequest, Iam.UpdateRoleDescriptionResponse>('iam', 'UpdateRoleDescription', {
    authorize: onPrincipal('role', 'iam:UpdateRoleDescription', roleName),
    handle: (input, { caller, services }) => services.iam.roles.updateDescription(accountOf(caller), input),
  }),
  defineOperation<Iam.UpdateAssumeRolePolicyRequest, undefined>('iam', 'UpdateAssumeRolePolicy', {
    authorize: onPrincipal('role', 'iam:UpdateAssumeRolePolicy', roleName),
    handle: done((input, { caller, services }) => services.iam.roles.updateTrust(accountOf(caller), input)),
  }),
  defineOperation<Iam.PutRolePermissionsBoundaryRequest, undefined>('iam', 'PutRolePermissionsBoundary', {
    authorize: onPrincipal(
      'role',
      'iam:PutRolePermissionsBoundary',
      roleName,
      (input: Iam.PutRolePermissionsBoundaryRequest) => ({
        'iam:PermissionsBoundary': input.PermissionsBoundary,
      }),
    ),
    handle: done((input, { caller, services }) => services.iam.roles.putBoundary(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeleteRolePermissionsBoundaryRequest, undefined>('iam', 'DeleteRolePermissionsBoundary', {
    authorize: onPrincipal('role', 'iam:DeleteRolePermissionsBoundary', roleName),
    handle: done((input, { caller, services }) => services.iam.roles.deleteBoundary(accountOf(caller), input)),
  }),
  defineOperation<Iam.TagRoleRequest, undefined>('iam', 'TagRole', {
    authorize: onPrincipal('role', 'iam:TagRole', roleName, (input: Iam.TagRoleRequest) => requestTags(input.Tags)),
    handle: done((input, { caller, services }) => services.iam.roles.tag(accountOf(caller), input)),
  }),
  defineOperation<Iam.UntagRoleRequest, undefined>('iam', 'UntagRole', {
    authorize: onPrincipal('role', 'iam:UntagRole', roleName, (input: Iam.UntagRoleRequest) => ({
      'aws:TagKeys': input.TagKeys,
    })),
    handle: done((input, { caller, services }) => services.iam.roles.untag(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListRoleTagsRequest, Iam.ListRoleTagsResponse>('iam', 'ListRoleTags', {
    authorize: onPrincipal('role', 'iam:ListRoleTags', roleName),
    handle: (input, { caller, services }) => services.iam.roles.listTags(accountOf(caller), input),
  }),
  defineOperation<Iam.CreateServiceLinkedRoleRequest, Iam.CreateServiceLinkedRoleResponse>(
    'iam',
    'CreateServiceLinkedRole',
    {
      // The resource is the role the service gets (Service Authorization Reference: iam:AWSServiceName).
      authorize: (input, { caller }) => ({
        action: 'iam:CreateServiceLinkedRole',
        resource: iamArnOf(
          caller,
          'role',
          `/aws-service-role/${input.AWSServiceName}/`,
          serviceLinkedRoleName(input.AWSServiceName, input.CustomSuffix),
        ),
        context: { 'iam:AWSServiceName': input.AWSServiceName },
      }),
      handle: (input, { caller, services }) => services.iam.serviceLinkedRoles.create(accountOf(caller), input),
    },
  ),
  defineOperation<Iam.DeleteServiceLinkedRoleRequest, Iam.DeleteServiceLinkedRoleResponse>(
    'iam',
    'DeleteServiceLinkedRole',
    {
      authorize: onPrincipal('role', 'iam:DeleteServiceLinkedRole', roleName),
      handle: (input, { caller, services }) => services.iam.serviceLinkedRoles.delete(accountOf(caller), input),
    },
  ),
  defineOperation<Iam.GetServiceLinkedRoleDeletionStatusRequest, Iam.GetServiceLinkedRoleDeletionStatusResponse>(
    'iam',
    'GetServiceLinkedRoleDeletionStatus',
    {
      authorize: () => ({ action: 'iam:GetServiceLinkedRoleDeletionStatus', resource: '*' }),
      handle: (input, { services }) => services.iam.serviceLinkedRoles.deletionStatus(input),
    },
  ),
];

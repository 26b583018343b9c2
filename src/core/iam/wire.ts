/**
 * @module core/iam/wire
 * Stored IAM records as the IAM model's output shapes. Policy documents are returned URL-encoded (RFC 3986), as
 * the IAM API reference says of GetRole, GetRolePolicy and GetPolicyVersion and as Terraform expects
 * (WIRE.md §6.3).
 */

import type { Iam } from '../../shapes/index.js';
import type { GroupRecord, InstanceProfileRecord, ManagedPolicyRecord, RoleRecord, UserRecord } from '../entities.js';

/** RFC 3986 percent-encoding (encodeURIComponent leaves `!'()*` alone; RFC 3986 reserves them). */
export function encodeDocument(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A role as the `Role` shape. */
export function roleToWire(role: RoleRecord): Iam.Role {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: role.permissionsBoundaryArn
      ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundaryArn }
      : undefined,
    Tags: role.tags.length > 0 ? role.tags : undefined,
  };
}

/** A role's `RoleLastUsed` (empty until one of its sessions makes a request). */
export function roleLastUsedToWire(role: RoleRecord): Iam.RoleLastUsed {
  return role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : {};
}

/** A managed policy as the `Policy` shape, with how many identities attach it or use it as a boundary. */
export function policyToWire(
  policy: ManagedPolicyRecord,
  usage: { readonly attachments: number; readonly boundaries: number },
): Iam.Policy {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    // Policies for service-linked roles attach only to those roles (PolicyNotAttachable otherwise).
    IsAttachable: !policy.path.startsWith('/aws-service-role/'),
    Description: policy.description,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    Tags: policy.tags.length > 0 ? policy.tags : undefined,
  };
}

/** An instance profile with its roles as the `InstanceProfile` shape. */
export function instanceProfileToWire(
  profile: InstanceProfileRecord,
  roles: readonly RoleRecord[],
): Iam.InstanceProfile {
  return {
    Path: profile.path,
    InstanceProfileName: profile.instanceProfileName,
    InstanceProfileId: profile.instanceProfileId,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: roles.map(roleToWire),
    Tags: profile.tags.length > 0 ? profile.tags : undefined,
  };
}

/** A user as the `User` shape. */
export function userToWire(user: UserRecord): Iam.User {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    PermissionsBoundary: user.permissionsBoundaryArn
      ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: user.permissionsBoundaryArn }
      : undefined,
    Tags: user.tags.length > 0 ? user.tags : undefined,
  };
}

/** A group as the `Group` shape. */
export function groupToWire(group: GroupRecord): Iam.Group {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: group.arn,
    CreateDate: group.createDate,
  };
}

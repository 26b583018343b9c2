/**
 * @module core/iam/service-linked
 * Service-linked roles (path `/aws-service-role/…`) belong to the AWS service that created them: IAM refuses to let
 * the account change or delete them (`UnmodifiableEntity`), and refuses to create ordinary roles under that path
 * (IAM User Guide, "Using service-linked roles").
 */

import type { RoleRecord } from '../entities.js';
import { AwsError } from '../errors.js';

/** The path prefix IAM reserves for service-linked roles. */
export const SERVICE_ROLE_PATH = '/aws-service-role/';

/** Throws UnmodifiableEntity for a service-linked role. */
export function assertModifiableRole(role: RoleRecord): void {
  if (role.path.startsWith(SERVICE_ROLE_PATH)) {
    throw new AwsError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.roleName}' - this role is only modifiable by AWS`,
    );
  }
}

/** Throws InvalidInput when an ordinary CreateRole asks for the reserved path. */
export function assertOrdinaryRolePath(path: string): void {
  if (path.startsWith(SERVICE_ROLE_PATH)) {
    throw new AwsError('InvalidInput', `The path ${SERVICE_ROLE_PATH} is reserved for service-linked roles.`);
  }
}

/**
 * @module core/iam
 * The IAM domain: roles, managed policies, instance profiles, users and access keys.
 */

import type { Sealer } from '../keyring/sealer.js';
import type { AccountStore } from '../ports.js';
import type { IamDeps } from './deps.js';
import { InstanceProfiles } from './instance-profiles.js';
import { ManagedPolicies } from './policies.js';
import { Roles } from './roles.js';
import { PolicySimulator } from './simulation.js';
import { Users } from './users.js';

export type { IamDeps } from './deps.js';
export { encodeDocument } from './wire.js';
export { issueAccessKey } from './users.js';
export { InstanceProfiles, ManagedPolicies, PolicySimulator, Roles, Users };

/** The IAM use cases, grouped by entity. */
export interface IamService {
  readonly roles: Roles;
  readonly policies: ManagedPolicies;
  readonly instanceProfiles: InstanceProfiles;
  readonly users: Users;
  readonly simulator: PolicySimulator;
}

/** Builds the IAM use cases over one set of dependencies. */
export function createIamService(deps: IamDeps, accounts: AccountStore, master: Sealer): IamService {
  const roles = new Roles(deps);
  return {
    roles,
    policies: new ManagedPolicies(deps),
    instanceProfiles: new InstanceProfiles(deps, roles),
    users: new Users(deps, accounts, master),
    simulator: new PolicySimulator(deps.store),
  };
}

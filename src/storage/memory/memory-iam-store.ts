/**
 * @module storage/memory/memory-iam-store
 * The reference {@link IamStore}: plain maps, no I/O. Each method group lives in its own file over one shared state.
 */

import type { IamStore } from '../../core/ports.js';
import { memoryGroups } from './iam-groups.js';
import { memoryInlinePolicies } from './iam-inline-policies.js';
import { memoryInstanceProfiles } from './iam-instance-profiles.js';
import { memoryMfaDevices } from './iam-mfa-devices.js';
import { memoryProviders } from './iam-providers.js';
import { memoryPolicies } from './iam-policies.js';
import { memoryRoles } from './iam-roles.js';
import { createIamState } from './iam-state.js';
import { memoryUserCredentials } from './iam-user-credentials.js';
import { memoryUsers } from './iam-users.js';

/**
 * Creates an empty in-memory {@link IamStore}.
 *
 * @example
 * const iam = createMemoryIamStore();
 * await iam.createRole(role); // true
 * await iam.changeCounter(); // 1
 */
export function createMemoryIamStore(): IamStore {
  const state = createIamState();
  return {
    changeCounter: async () => state.counter,
    ...memoryUsers(state),
    ...memoryGroups(state),
    ...memoryRoles(state),
    ...memoryPolicies(state),
    ...memoryInlinePolicies(state),
    ...memoryInstanceProfiles(state),
    ...memoryMfaDevices(state),
    ...memoryProviders(state),
    ...memoryUserCredentials(state),
  };
}

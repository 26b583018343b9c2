/**
 * @module storage/memory/iam-state
 * The whole IAM state of the memory adapter, shared by the method groups that make up its {@link IamStore}.
 */

import type {
  GroupRecord,
  IdentityProviderRecord,
  InlinePolicyRecord,
  MfaDeviceRecord,
  PasswordPolicyRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  PolicyVersionRecord,
  RoleRecord,
  UserCredentialRecord,
  UserRecord,
} from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { NameIndex } from './name-index.js';

/** Mutable IAM state. Every method that changes it calls {@link bump}. */
export interface MemoryIamState {
  counter: number;
  readonly users: NameIndex<UserRecord>;
  readonly groups: NameIndex<GroupRecord>;
  /** Folded user names of each group, by `accountId/foldedGroupName`. */
  readonly members: Map<string, Set<string>>;
  readonly roles: NameIndex<RoleRecord>;
  readonly profiles: NameIndex<InstanceProfileRecord>;
  /** Identity providers by ARN. */
  readonly providers: Map<string, IdentityProviderRecord>;
  /** Virtual MFA devices by folded name (their serial numbers are ARNs of the name). */
  readonly mfaDevices: NameIndex<MfaDeviceRecord>;
  /** Managed policies by ARN, and their ARNs by name for per-account name uniqueness. */
  readonly policies: Map<string, ManagedPolicyRecord>;
  readonly policyNames: NameIndex<string>;
  readonly versions: Map<string, PolicyVersionRecord[]>;
  /** Attached policy ARNs by principal key. */
  readonly attachments: Map<string, Set<string>>;
  /** Inline policies by principal key, then by folded policy name. */
  readonly inline: Map<string, Map<string, InlinePolicyRecord>>;
  /** Login profiles, signing certificates, SSH public keys and service-specific credentials by id. */
  readonly credentials: Map<string, UserCredentialRecord>;
  /** Account password policies by account id. */
  readonly passwordPolicies: Map<string, PasswordPolicyRecord>;
}

/** A fresh, empty state. */
export function createIamState(): MemoryIamState {
  return {
    counter: 0,
    users: new NameIndex(),
    groups: new NameIndex(),
    members: new Map(),
    roles: new NameIndex(),
    profiles: new NameIndex(),
    mfaDevices: new NameIndex(),
    providers: new Map(),
    policies: new Map(),
    policyNames: new NameIndex(),
    versions: new Map(),
    attachments: new Map(),
    inline: new Map(),
    credentials: new Map(),
    passwordPolicies: new Map(),
  };
}

/** Records one successful write, so authorization caches keyed on {@link IamStore.changeCounter} refresh. */
export function bump(state: MemoryIamState): void {
  state.counter += 1;
}

/** Returns `changed` after bumping the counter when it is true: the shape of every conditional write. */
export function bumpIf(state: MemoryIamState, changed: boolean): boolean {
  if (changed) bump(state);
  return changed;
}

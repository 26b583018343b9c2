/**
 * @module storage/memory/iam-owner-moves
 * What a rename of a user or group carries along in the memory adapter: the policies attached to it, its inline
 * policies and its group memberships (all keyed by the folded name, as the SQL tables are).
 */

import type { PrincipalRef } from '../../core/entities.js';
import { foldName } from '../ordering.js';
import type { MemoryIamState } from './iam-state.js';
import { principalKey } from './principal-key.js';

/** The key of a group's member set. */
export function groupKey(accountId: string, groupName: string): string {
  return `${accountId}/${foldName(groupName)}`;
}

/** Re-keys the attachments and inline policies of `from` to `to` (same account and kind). */
export function moveOwnedPolicies(state: MemoryIamState, from: PrincipalRef, to: PrincipalRef): void {
  const fromKey = principalKey(from);
  const toKey = principalKey(to);
  const attached = state.attachments.get(fromKey);
  state.attachments.delete(fromKey);
  if (attached !== undefined) state.attachments.set(toKey, attached);
  const inline = state.inline.get(fromKey);
  state.inline.delete(fromKey);
  if (inline !== undefined) {
    for (const [name, policy] of inline) inline.set(name, { ...policy, owner: to });
    state.inline.set(toKey, inline);
  }
}

/** Replaces a renamed user's folded name in every member set of its account. */
export function moveMemberships(state: MemoryIamState, accountId: string, formerName: string, name: string): void {
  const from = foldName(formerName);
  for (const [key, members] of state.members) {
    if (!key.startsWith(`${accountId}/`) || !members.delete(from)) continue;
    members.add(foldName(name));
  }
}

/** Points a renamed user's MFA devices at its new name. */
export function moveMfaDevices(state: MemoryIamState, accountId: string, formerName: string, name: string): void {
  const from = foldName(formerName);
  for (const device of state.mfaDevices.list(accountId)) {
    if (device.userName === undefined || foldName(device.userName) !== from) continue;
    state.mfaDevices.replace(accountId, device.name, (current) => ({ ...current, userName: name }));
  }
}

/** Points a renamed user's login profile, certificates, SSH keys and service-specific credentials at its new name. */
export function moveUserCredentials(state: MemoryIamState, accountId: string, formerName: string, name: string): void {
  const from = foldName(formerName);
  for (const [id, credential] of state.credentials) {
    if (credential.accountId !== accountId || foldName(credential.userName) !== from) continue;
    state.credentials.set(id, { ...credential, userName: name });
  }
}

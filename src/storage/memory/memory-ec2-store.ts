/**
 * @module storage/memory/memory-ec2-store
 * The reference {@link Ec2Store}: instances and security groups in maps keyed by id, copied in and out so callers
 * never share a record with the store.
 */

import type { InstanceRecord, SecurityGroupRecord } from '../../core/entities.js';
import type { Ec2Store } from '../../core/ports.js';

const byId =
  <T>(key: (value: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * Creates an empty in-memory {@link Ec2Store}.
 *
 * @example
 * const ec2 = createMemoryEc2Store();
 * await ec2.getInstance('000000000000', 'i-0123456789abcdef0'); // undefined
 */
export function createMemoryEc2Store(): Ec2Store {
  const instances = new Map<string, InstanceRecord>();
  const groups = new Map<string, SecurityGroupRecord>();
  const owned = <T extends { accountId: string }>(value: T | undefined, accountId: string): T | undefined =>
    value && value.accountId === accountId ? structuredClone(value) : undefined;

  return {
    async saveInstance(instance) {
      instances.set(instance.instanceId, structuredClone(instance));
    },
    async getInstance(accountId, instanceId) {
      return owned(instances.get(instanceId), accountId);
    },
    async listInstances(accountId) {
      return [...instances.values()]
        .filter((instance) => accountId === undefined || instance.accountId === accountId)
        .sort(byId((instance) => instance.instanceId))
        .map((instance) => structuredClone(instance));
    },
    async saveSecurityGroup(group) {
      groups.set(group.groupId, structuredClone(group));
    },
    async getSecurityGroup(accountId, groupId) {
      return owned(groups.get(groupId), accountId);
    },
    async listSecurityGroups(accountId) {
      return [...groups.values()]
        .filter((group) => group.accountId === accountId)
        .sort(byId((group) => group.groupId))
        .map((group) => structuredClone(group));
    },
    async deleteSecurityGroup(accountId, groupId) {
      if (groups.get(groupId)?.accountId !== accountId) return false;
      return groups.delete(groupId);
    },
  };
}

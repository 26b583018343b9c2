/**
 * @module core/iam/read-cache
 * Keeps the entities IAM requests read most (a role, user, group, instance profile, managed policy or policy
 * version by name or ARN) in memory between writes, so a GetRole — which reads the role once to authorize against
 * its real ARN and tags and once to answer — costs no database round trip on repeat (ARCHITECTURE.md §4).
 * Every write through this store empties the cache before and after it runs (so a use case reads its own writes,
 * and a read racing with a write is not kept); an entry is also dropped when the change generation moves (writes
 * of other nodes) and after `ttlMs` (writes of another process on the same database, such as `iamd import`).
 */

import type { ChangeTracker } from '../authz/change-tracker.js';
import type { Clock, IamStore } from '../ports.js';

const MAX_ENTRIES = 10_000;

interface Entry {
  readonly generation: number;
  readonly until: number;
  readonly value: Promise<unknown>;
}

/**
 * Wraps `store` (a plain object of methods) with the cache.
 *
 * @example
 * const iam = withReadCache(stores.iam, tracker, clock);
 */
export function withReadCache(store: IamStore, tracker: ChangeTracker, clock: Clock, ttlMs = 1000): IamStore {
  const entries = new Map<string, Entry>();
  const cached = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const now = clock.now().getTime();
    const hit = entries.get(key);
    if (hit && hit.generation === tracker.generation && hit.until > now) return hit.value as Promise<T>;
    if (entries.size >= MAX_ENTRIES) entries.clear();
    // The generation is taken before reading: a write that lands during the read makes the entry stale at once.
    const value = read();
    entries.set(key, { generation: tracker.generation, until: now + ttlMs, value });
    value.catch(() => entries.delete(key));
    return value;
  };
  const writes: Partial<IamStore> = {};
  for (const [name, method] of Object.entries(store) as [keyof IamStore, (...args: unknown[]) => Promise<unknown>][]) {
    if (/^(get|list|count|changeCounter)/.test(name)) continue;
    (writes as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      entries.clear();
      try {
        return await method(...args);
      } finally {
        entries.clear();
      }
    };
  }
  return {
    ...store,
    ...writes,
    getRole: (accountId, name) =>
      cached(`role\u0000${accountId}\u0000${name.toLowerCase()}`, () => store.getRole(accountId, name)),
    getUser: (accountId, name) =>
      cached(`user\u0000${accountId}\u0000${name.toLowerCase()}`, () => store.getUser(accountId, name)),
    getGroup: (accountId, name) =>
      cached(`group\u0000${accountId}\u0000${name.toLowerCase()}`, () => store.getGroup(accountId, name)),
    getInstanceProfile: (accountId, name) =>
      cached(`profile\u0000${accountId}\u0000${name.toLowerCase()}`, () => store.getInstanceProfile(accountId, name)),
    getPolicy: (arn) => cached(`policy\u0000${arn}`, () => store.getPolicy(arn)),
    getPolicyVersion: (arn, versionId) =>
      cached(`version\u0000${arn}\u0000${versionId}`, () => store.getPolicyVersion(arn, versionId)),
  };
}

/**
 * @module storage/memory/name-index
 * Records keyed by account and case-folded name: the in-memory twin of the SQL tables' `UNIQUE (account_id,
 * name_lc)` index. Records are cloned in and out so callers never share mutable state with the store.
 */

import { compareUtf8, foldName } from '../ordering.js';

/** Records of one kind, unique per account by case-insensitive name, listed in folded-name order. */
export class NameIndex<T> {
  readonly #accounts = new Map<string, Map<string, T>>();

  /** Stores `record` unless the name is taken; returns whether it was stored. */
  add(accountId: string, name: string, record: T): boolean {
    let names = this.#accounts.get(accountId);
    if (names === undefined) {
      names = new Map();
      this.#accounts.set(accountId, names);
    }
    const key = foldName(name);
    if (names.has(key)) return false;
    names.set(key, structuredClone(record));
    return true;
  }

  /** The stored record (a copy), found case-insensitively. */
  get(accountId: string, name: string): T | undefined {
    const record = this.#accounts.get(accountId)?.get(foldName(name));
    return record === undefined ? undefined : structuredClone(record);
  }

  /** Replaces an existing record; returns `false` when there is none. */
  replace(accountId: string, name: string, update: (current: T) => T): boolean {
    const names = this.#accounts.get(accountId);
    const key = foldName(name);
    const current = names?.get(key);
    if (names === undefined || current === undefined) return false;
    names.set(key, structuredClone(update(current)));
    return true;
  }

  /** Moves a record to a new name (case changes included); `false` when it is missing or the new name is taken. */
  rename(accountId: string, formerName: string, name: string, record: T): boolean {
    const names = this.#accounts.get(accountId);
    const from = foldName(formerName);
    const to = foldName(name);
    if (names === undefined || !names.has(from)) return false;
    if (from !== to && names.has(to)) return false;
    names.delete(from);
    names.set(to, structuredClone(record));
    return true;
  }

  delete(accountId: string, name: string): boolean {
    return this.#accounts.get(accountId)?.delete(foldName(name)) ?? false;
  }

  /** Every record of every account, uncopied: for read-only scans inside the adapter. */
  *scan(): IterableIterator<T> {
    for (const names of this.#accounts.values()) yield* names.values();
  }

  /** Every record of the account (copies), sorted by folded name in UTF-8 byte order. */
  list(accountId: string): T[] {
    const names = this.#accounts.get(accountId);
    if (names === undefined) return [];
    return [...names.entries()].sort(([a], [b]) => compareUtf8(a, b)).map(([, record]) => structuredClone(record));
  }
}

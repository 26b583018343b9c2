/**
 * @module storage/memory/memory-account-store
 * The reference {@link AccountStore}. Access keys are listed oldest first (ties by key id); signing keys likewise.
 */

import type { AccessKeyRecord, Account, SigningKeyRecord } from '../../core/entities.js';
import type { AccountStore } from '../../core/ports.js';
import { compareUtf8, foldName } from '../ordering.js';

function byAge<T extends { readonly createDate: Date }>(id: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => a.createDate.getTime() - b.createDate.getTime() || compareUtf8(id(a), id(b));
}

/**
 * Creates an empty in-memory {@link AccountStore}.
 *
 * @example
 * const accounts = createMemoryAccountStore();
 * await accounts.createAccount({ accountId: '000000000000', createDate: clock.now() }); // true
 */
export function createMemoryAccountStore(): AccountStore {
  const accounts = new Map<string, Account>();
  const accessKeys = new Map<string, AccessKeyRecord>();
  const signingKeys = new Map<string, SigningKeyRecord>();

  return {
    async getAccount(accountId) {
      const account = accounts.get(accountId);
      return account === undefined ? undefined : structuredClone(account);
    },
    async createAccount(account) {
      if (accounts.has(account.accountId)) return false;
      accounts.set(account.accountId, structuredClone(account));
      return true;
    },
    async listAccounts() {
      return [...accounts.values()]
        .sort((a, b) => compareUtf8(a.accountId, b.accountId))
        .map((account) => structuredClone(account));
    },
    async setAccountAlias(accountId, alias) {
      const account = accounts.get(accountId);
      if (account === undefined) return false;
      if (alias !== undefined && [...accounts.values()].some((a) => a.alias === alias && a.accountId !== accountId)) {
        return false;
      }
      const { alias: _previous, ...rest } = account;
      accounts.set(accountId, alias === undefined ? rest : { ...rest, alias });
      return true;
    },
    async findAccessKey(accessKeyId) {
      const key = accessKeys.get(accessKeyId);
      return key === undefined ? undefined : structuredClone(key);
    },
    async createAccessKey(key) {
      // Key ids are random; a collision is a bug, never something to overwrite silently.
      if (accessKeys.has(key.accessKeyId)) throw new Error('Duplicate access key id');
      accessKeys.set(key.accessKeyId, structuredClone(key));
    },
    async listAccessKeys(accountId, userName) {
      // `undefined` selects the account root user's keys, which carry no user name.
      const owner = userName === undefined ? undefined : foldName(userName);
      return [...accessKeys.values()]
        .filter((key) => key.accountId === accountId)
        .filter((key) => (key.userName === undefined ? owner === undefined : foldName(key.userName) === owner))
        .sort(byAge((key) => key.accessKeyId))
        .map((key) => structuredClone(key));
    },
    async updateAccessKeyStatus(accessKeyId, status) {
      const key = accessKeys.get(accessKeyId);
      if (key === undefined) return false;
      accessKeys.set(accessKeyId, { ...key, status });
      return true;
    },
    async deleteAccessKey(accessKeyId) {
      return accessKeys.delete(accessKeyId);
    },
    async recordAccessKeyUse(accessKeyId, use) {
      const key = accessKeys.get(accessKeyId);
      if (key !== undefined) accessKeys.set(accessKeyId, { ...key, lastUsed: structuredClone(use) });
    },
    async renameAccessKeyOwner(accountId, formerUserName, userName) {
      const former = foldName(formerUserName);
      for (const [id, key] of accessKeys) {
        if (key.accountId === accountId && key.userName !== undefined && foldName(key.userName) === former) {
          accessKeys.set(id, { ...key, userName });
        }
      }
    },
    async listSigningKeys() {
      return [...signingKeys.values()].sort(byAge((key) => key.keyId)).map((key) => structuredClone(key));
    },
    async deleteSigningKey(keyId) {
      return signingKeys.delete(keyId);
    },
    async saveSigningKey(key) {
      signingKeys.set(key.keyId, structuredClone(key));
    },
  };
}

/**
 * @module test/storage-contract/accounts-cases
 * AccountStore: accounts, access keys (user and root), signing keys.
 */

import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';
import { accessKey, accountId, at, otherAccountId } from './fixtures.js';

export function accountCases(stores: StoresGetter): void {
  describe('AccountStore', () => {
    it('creates an account once and reads it back', async () => {
      const { accounts } = stores();
      expect(await accounts.getAccount(accountId)).toBeUndefined();
      expect(await accounts.createAccount({ accountId, createDate: at(0) })).toBe(true);
      expect(await accounts.createAccount({ accountId, createDate: at(9) })).toBe(false);
      expect(await accounts.getAccount(accountId)).toEqual({ accountId, createDate: at(0) });
      expect(await accounts.getAccount(otherAccountId)).toBeUndefined();
    });

    it('lists accounts by id', async () => {
      const { accounts } = stores();
      await accounts.createAccount({ accountId: otherAccountId, createDate: at(1) });
      await accounts.createAccount({ accountId, createDate: at(0) });
      expect(await accounts.listAccounts()).toEqual([
        { accountId, createDate: at(0) },
        { accountId: otherAccountId, createDate: at(1) },
      ]);
    });

    it('sets, replaces and removes an account alias that is unique across accounts', async () => {
      const { accounts } = stores();
      await accounts.createAccount({ accountId, createDate: at(0) });
      await accounts.createAccount({ accountId: otherAccountId, createDate: at(1) });
      expect(await accounts.setAccountAlias(accountId, 'my-company')).toBe(true);
      expect(await accounts.getAccount(accountId)).toEqual({ accountId, createDate: at(0), alias: 'my-company' });
      expect(await accounts.setAccountAlias(otherAccountId, 'my-company')).toBe(false);
      expect(await accounts.setAccountAlias(accountId, 'renamed')).toBe(true);
      expect(await accounts.setAccountAlias(otherAccountId, 'my-company')).toBe(true);
      expect(await accounts.setAccountAlias(accountId, undefined)).toBe(true);
      expect(await accounts.getAccount(accountId)).toEqual({ accountId, createDate: at(0) });
      expect(await accounts.setAccountAlias('999999999999', 'ghost')).toBe(false);
    });

    it('stores access keys of users and of the root user', async () => {
      const { accounts } = stores();
      const userKey = accessKey('AKIAUSERKEY000000001');
      const { userName: _omit, ...rootKey } = accessKey('AKIAROOTKEY000000001', { status: 'Inactive' });
      await accounts.createAccessKey(userKey);
      await accounts.createAccessKey(rootKey);
      expect(await accounts.findAccessKey('AKIAUSERKEY000000001')).toEqual(userKey);
      const foundRoot = await accounts.findAccessKey('AKIAROOTKEY000000001');
      expect(foundRoot).toEqual(rootKey);
      expect(foundRoot && 'userName' in foundRoot ? foundRoot.userName : 'absent').toBe('absent');
      expect(await accounts.findAccessKey('AKIAUNKNOWN000000000')).toBeUndefined();
    });

    it('refuses a second key with the same id instead of overwriting it', async () => {
      const { accounts } = stores();
      await accounts.createAccessKey(accessKey('AKIADUPLICATE0000001'));
      await expect(
        accounts.createAccessKey(accessKey('AKIADUPLICATE0000001', { secretCiphertext: 'other' })),
      ).rejects.toThrow();
      expect((await accounts.findAccessKey('AKIADUPLICATE0000001'))?.secretCiphertext).toBe(
        'sealed:AKIADUPLICATE0000001',
      );
    });

    it('lists the keys of a user case-insensitively, oldest first, and root keys apart', async () => {
      const { accounts } = stores();
      await accounts.createAccessKey(accessKey('AKIAB000000000000002', { createDate: at(20) }));
      await accounts.createAccessKey(accessKey('AKIAC000000000000003', { userName: 'ALICE', createDate: at(10) }));
      await accounts.createAccessKey(accessKey('AKIAA000000000000001', { createDate: at(20) }));
      await accounts.createAccessKey(accessKey('AKIABOB0000000000001', { userName: 'bob' }));
      await accounts.createAccessKey(accessKey('AKIAOTHER00000000001', { accountId: otherAccountId }));
      const { userName: _omit, ...root } = accessKey('AKIAROOT000000000001');
      await accounts.createAccessKey(root);

      const alice = await accounts.listAccessKeys(accountId, 'Alice');
      expect(alice.map((k) => k.accessKeyId)).toEqual([
        'AKIAC000000000000003',
        'AKIAA000000000000001',
        'AKIAB000000000000002',
      ]);
      expect(alice[0]?.userName).toBe('ALICE');
      expect((await accounts.listAccessKeys(accountId, undefined)).map((k) => k.accessKeyId)).toEqual([
        'AKIAROOT000000000001',
      ]);
      expect(await accounts.listAccessKeys(otherAccountId, 'bob')).toEqual([]);
      expect(await accounts.listAccessKeys(accountId, 'carol')).toEqual([]);
    });

    it('saves signing keys, replacing by id, listed oldest first', async () => {
      const { accounts } = stores();
      expect(await accounts.listSigningKeys()).toEqual([]);
      await accounts.saveSigningKey({ keyId: 'k2', materialCiphertext: 'm2', createDate: at(2) });
      await accounts.saveSigningKey({ keyId: 'k1', materialCiphertext: 'm1', createDate: at(1) });
      await accounts.saveSigningKey({ keyId: 'k2', materialCiphertext: 'm2-rotated', createDate: at(3) });
      expect(await accounts.listSigningKeys()).toEqual([
        { keyId: 'k1', materialCiphertext: 'm1', createDate: at(1) },
        { keyId: 'k2', materialCiphertext: 'm2-rotated', createDate: at(3) },
      ]);
      expect(await accounts.deleteSigningKey('k1')).toBe(true);
      expect(await accounts.deleteSigningKey('k1')).toBe(false);
      expect((await accounts.listSigningKeys()).map((key) => key.keyId)).toEqual(['k2']);
    });

    it('updates, records the use of, renames the owner of and deletes access keys', async () => {
      const { accounts } = stores();
      await accounts.createAccessKey(accessKey('AKIALIFECYCLE0000001'));
      await accounts.createAccessKey(accessKey('AKIALIFECYCLE0000002', { userName: 'bob' }));
      expect(await accounts.updateAccessKeyStatus('AKIALIFECYCLE0000001', 'Inactive')).toBe(true);
      expect(await accounts.updateAccessKeyStatus('AKIAMISSING000000000', 'Inactive')).toBe(false);
      const use = { date: at(30), serviceName: 'iam', region: 'us-east-1' };
      await accounts.recordAccessKeyUse('AKIALIFECYCLE0000001', use);
      await accounts.recordAccessKeyUse('AKIAMISSING000000000', use);
      expect(await accounts.findAccessKey('AKIALIFECYCLE0000001')).toEqual(
        accessKey('AKIALIFECYCLE0000001', { status: 'Inactive', lastUsed: use }),
      );
      await accounts.renameAccessKeyOwner(accountId, 'ALICE', 'Alicia');
      expect((await accounts.listAccessKeys(accountId, 'alicia')).map((k) => k.accessKeyId)).toEqual([
        'AKIALIFECYCLE0000001',
      ]);
      expect(await accounts.listAccessKeys(accountId, 'alice')).toEqual([]);
      expect((await accounts.findAccessKey('AKIALIFECYCLE0000002'))?.userName).toBe('bob');
      expect(await accounts.deleteAccessKey('AKIALIFECYCLE0000001')).toBe(true);
      expect(await accounts.deleteAccessKey('AKIALIFECYCLE0000001')).toBe(false);
      expect(await accounts.findAccessKey('AKIALIFECYCLE0000001')).toBeUndefined();
    });
  });
}

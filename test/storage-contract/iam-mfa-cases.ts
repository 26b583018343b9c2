/**
 * @module test/storage-contract/iam-mfa-cases
 * IamStore virtual MFA devices: unique names, assignment to users, renames and deletion.
 */

import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';
import { accountId, at, mfaDevice, otherAccountId, user } from './fixtures.js';

export function iamMfaCases(stores: StoresGetter): void {
  describe('IamStore MFA devices', () => {
    it('creates a device once per account and name, and finds it by serial number', async () => {
      const { iam } = stores();
      const device = mfaDevice('Phone', { tags: [{ Key: 'k', Value: 'v' }] });
      const before = await iam.changeCounter();
      expect(await iam.createMfaDevice(device)).toBe(true);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.createMfaDevice(mfaDevice('PHONE'))).toBe(false);
      expect(await iam.createMfaDevice(mfaDevice('phone', { accountId: otherAccountId }))).toBe(true);
      expect(await iam.getMfaDevice(accountId, device.serialNumber)).toEqual(device);
      expect(await iam.getMfaDevice(otherAccountId, device.serialNumber)).toBeUndefined();
      expect(await iam.getMfaDevice(accountId, `${device.serialNumber}x`)).toBeUndefined();
    });

    it('enables, lists, deactivates and deletes devices', async () => {
      const { iam } = stores();
      for (const name of ['b', 'A']) await iam.createMfaDevice(mfaDevice(name));
      const enabled = mfaDevice('b', { userName: 'alice', enableDate: at(20) });
      expect(await iam.updateMfaDevice(enabled)).toBe(true);
      expect(await iam.listMfaDevices(accountId)).toEqual([mfaDevice('A'), enabled]);
      expect(await iam.updateMfaDevice(mfaDevice('b'))).toBe(true);
      expect((await iam.getMfaDevice(accountId, enabled.serialNumber))?.userName).toBeUndefined();
      expect(await iam.updateMfaDevice(mfaDevice('ghost'))).toBe(false);
      expect(await iam.deleteMfaDevice(accountId, enabled.serialNumber)).toBe(true);
      expect(await iam.deleteMfaDevice(accountId, enabled.serialNumber)).toBe(false);
      expect((await iam.listMfaDevices(accountId)).map((d) => d.name)).toEqual(['A']);
    });

    it('follows a renamed user', async () => {
      const { iam } = stores();
      await iam.createUser(user('old'));
      await iam.createMfaDevice(mfaDevice('token', { userName: 'old', enableDate: at(1) }));
      await iam.updateUser(user('new', { arn: `arn:aws:iam::${accountId}:user/new` }), 'old');
      expect((await iam.listMfaDevices(accountId))[0]?.userName).toBe('new');
    });
  });
}

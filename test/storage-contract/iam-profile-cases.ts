/**
 * @module test/storage-contract/iam-profile-cases
 * IamStore instance profiles and their roles.
 */

import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';
import { accountId, otherAccountId, profile } from './fixtures.js';

export function iamProfileCases(stores: StoresGetter): void {
  describe('IamStore instance profiles', () => {
    it('creates a profile once, finds it case-insensitively with its roles', async () => {
      const { iam } = stores();
      const p = profile('WebServer', { roleNames: ['Web-Role'] });
      const before = await iam.changeCounter();
      expect(await iam.createInstanceProfile(p)).toBe(true);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.createInstanceProfile(profile('webserver'))).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.getInstanceProfile(accountId, 'WEBSERVER')).toEqual(p);
      expect(await iam.getInstanceProfile(otherAccountId, 'WebServer')).toBeUndefined();
    });

    it('replaces the role list, keeping its order', async () => {
      const { iam } = stores();
      await iam.createInstanceProfile(profile('p'));
      expect((await iam.getInstanceProfile(accountId, 'p'))?.roleNames).toEqual([]);
      const before = await iam.changeCounter();
      await iam.setInstanceProfileRoles(accountId, 'P', ['zeta', 'Alpha']);
      expect((await iam.getInstanceProfile(accountId, 'p'))?.roleNames).toEqual(['zeta', 'Alpha']);
      await iam.setInstanceProfileRoles(accountId, 'p', []);
      expect((await iam.getInstanceProfile(accountId, 'p'))?.roleNames).toEqual([]);
      expect(await iam.changeCounter()).toBe(before + 2);
    });

    it('ignores setting the roles of a missing profile', async () => {
      const { iam } = stores();
      const before = await iam.changeCounter();
      await iam.setInstanceProfileRoles(accountId, 'ghost', ['r']);
      expect(await iam.getInstanceProfile(accountId, 'ghost')).toBeUndefined();
      expect(await iam.listInstanceProfilesForRole(accountId, 'r')).toEqual([]);
      expect(await iam.changeCounter()).toBe(before);
    });

    it('lists the profiles of a role case-insensitively, sorted by profile name', async () => {
      const { iam } = stores();
      await iam.createInstanceProfile(profile('zz-profile', { roleNames: ['App'] }));
      await iam.createInstanceProfile(profile('AA-profile'));
      await iam.createInstanceProfile(profile('mm-profile', { roleNames: ['other'] }));
      await iam.createInstanceProfile(profile('elsewhere', { accountId: otherAccountId, roleNames: ['App'] }));
      await iam.setInstanceProfileRoles(accountId, 'aa-profile', ['APP']);
      const listed = await iam.listInstanceProfilesForRole(accountId, 'app');
      expect(listed.map((p) => [p.instanceProfileName, p.roleNames])).toEqual([
        ['AA-profile', ['APP']],
        ['zz-profile', ['App']],
      ]);
      expect(await iam.listInstanceProfilesForRole(accountId, 'nobody')).toEqual([]);
    });

    it('lists profiles by name and path, retags and deletes them', async () => {
      const { iam } = stores();
      await iam.createInstanceProfile(profile('web', { path: '/a/', roleNames: ['r'] }));
      await iam.createInstanceProfile(profile('Api'));
      await iam.createInstanceProfile(profile('x', { accountId: otherAccountId }));
      expect((await iam.listInstanceProfiles(accountId, '/')).map((p) => p.instanceProfileName)).toEqual([
        'Api',
        'web',
      ]);
      expect(await iam.listInstanceProfiles(accountId, '/a/')).toEqual([
        profile('web', { path: '/a/', roleNames: ['r'] }),
      ]);
      const before = await iam.changeCounter();
      expect(await iam.setInstanceProfileTags(accountId, 'WEB', [{ Key: 'n', Value: '1' }])).toBe(true);
      expect((await iam.getInstanceProfile(accountId, 'web'))?.tags).toEqual([{ Key: 'n', Value: '1' }]);
      expect(await iam.setInstanceProfileTags(accountId, 'none', [])).toBe(false);
      expect(await iam.deleteInstanceProfile(accountId, 'Web')).toBe(true);
      expect(await iam.deleteInstanceProfile(accountId, 'web')).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 2);
      expect(await iam.listInstanceProfilesForRole(accountId, 'r')).toEqual([]);
      expect(await iam.createInstanceProfile(profile('web'))).toBe(true);
      expect((await iam.getInstanceProfile(accountId, 'web'))?.roleNames).toEqual([]);
    });
  });
}

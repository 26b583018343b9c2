/**
 * @module test/storage-contract/iam-identity-cases
 * IamStore users and roles: case-insensitive names, ordering, path filters, updates and the change counter.
 */

import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';
import { accountId, at, otherAccountId, role, user } from './fixtures.js';

export function iamIdentityCases(stores: StoresGetter): void {
  describe('IamStore users', () => {
    it('creates a user once per account, whatever the case of the name', async () => {
      const { iam } = stores();
      const before = await iam.changeCounter();
      expect(await iam.createUser(user('Alice'))).toBe(true);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.createUser(user('aLiCe', { userId: 'AIDAOTHER00000000000' }))).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.createUser(user('alice', { accountId: otherAccountId }))).toBe(true);
    });

    it('finds a user case-insensitively and returns the stored case and every field', async () => {
      const { iam } = stores();
      const alice = user('Alice', { path: '/eng/' });
      await iam.createUser(alice);
      expect(await iam.getUser(accountId, 'ALICE')).toEqual(alice);
      expect(await iam.getUser(otherAccountId, 'Alice')).toBeUndefined();
      const { permissionsBoundaryArn: _omit, ...plain } = user('bob');
      await iam.createUser(plain);
      expect(await iam.getUser(accountId, 'bob')).toEqual(plain);
    });
  });

  describe('IamStore roles', () => {
    it('creates, finds case-insensitively and refuses a duplicate name', async () => {
      const { iam } = stores();
      const r = role('EC2-S3-Access');
      expect(await iam.createRole(r)).toBe(true);
      expect(await iam.createRole(role('ec2-s3-access'))).toBe(false);
      expect(await iam.getRole(accountId, 'ec2-S3-ACCESS')).toEqual(r);
      expect(await iam.getRole(otherAccountId, 'EC2-S3-Access')).toBeUndefined();
    });

    it('round-trips a role without optional fields', async () => {
      const { iam } = stores();
      const { description: _d, permissionsBoundaryArn: _p, ...bare } = role('bare', { tags: [] });
      await iam.createRole(bare);
      expect(await iam.getRole(accountId, 'bare')).toEqual(bare);
    });

    it('lists roles of one account sorted by name, case-insensitively', async () => {
      const { iam } = stores();
      for (const name of ['gamma', 'Beta', 'alpha', 'Delta_1', 'delta-2']) await iam.createRole(role(name));
      await iam.createRole(role('aaa', { accountId: otherAccountId }));
      const names = (await iam.listRoles(accountId, '/')).map((r) => r.roleName);
      expect(names).toEqual(['alpha', 'Beta', 'delta-2', 'Delta_1', 'gamma']);
    });

    it('filters roles by path prefix, literally (no wildcards, case-sensitive)', async () => {
      const { iam } = stores();
      await iam.createRole(role('r1', { path: '/app/' }));
      await iam.createRole(role('r2', { path: '/app/web/' }));
      await iam.createRole(role('r3', { path: '/application/' }));
      await iam.createRole(role('r4', { path: '/a_p/' }));
      await iam.createRole(role('r5', { path: '/APP/' }));
      await iam.createRole(role('r6', { path: '/' }));
      const list = async (prefix: string) => (await iam.listRoles(accountId, prefix)).map((r) => r.roleName);
      expect(await list('/app/')).toEqual(['r1', 'r2']);
      expect(await list('/app')).toEqual(['r1', 'r2', 'r3']);
      expect(await list('/a_')).toEqual(['r4']);
      expect(await list('/')).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
      expect(await list('/none/')).toEqual([]);
    });

    it('updates a role in place, keeping its stored name, and bumps the counter', async () => {
      const { iam } = stores();
      await iam.createRole(role('Worker'));
      const before = await iam.changeCounter();
      const updated = role('WORKER', { description: 'new', maxSessionDuration: 7200, tags: [] });
      await iam.updateRole(updated);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.getRole(accountId, 'worker')).toEqual({ ...updated, roleName: 'Worker' });

      const { description: _d, ...noDescription } = role('Worker');
      await iam.updateRole(noDescription);
      expect((await iam.getRole(accountId, 'Worker'))?.description).toBeUndefined();
    });

    it('records the last use of a role without counting it as a change, and keeps it through updates', async () => {
      const { iam } = stores();
      await iam.createRole(role('Used'));
      const before = await iam.changeCounter();
      const use = { date: at(40), region: 'eu-west-1' };
      await iam.recordRoleUse(accountId, 'USED', use);
      await iam.recordRoleUse(accountId, 'ghost', use);
      expect(await iam.changeCounter()).toBe(before);
      expect((await iam.getRole(accountId, 'used'))?.lastUsed).toEqual(use);
      const stored = await iam.getRole(accountId, 'used');
      await iam.updateRole({ ...stored!, description: 'changed' });
      expect(await iam.getRole(accountId, 'used')).toEqual({ ...role('Used'), description: 'changed', lastUsed: use });
    });

    it('ignores an update of a missing role without bumping the counter', async () => {
      const { iam } = stores();
      const before = await iam.changeCounter();
      await iam.updateRole(role('ghost'));
      expect(await iam.getRole(accountId, 'ghost')).toBeUndefined();
      expect(await iam.changeCounter()).toBe(before);
    });

    it('deletes a role case-insensitively, once', async () => {
      const { iam } = stores();
      await iam.createRole(role('Doomed'));
      const before = await iam.changeCounter();
      expect(await iam.deleteRole(accountId, 'DOOMED')).toBe(true);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.deleteRole(accountId, 'Doomed')).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.getRole(accountId, 'Doomed')).toBeUndefined();
      expect(await iam.createRole(role('doomed'))).toBe(true);
    });

    it('lets exactly one of several concurrent creates of the same name win', async () => {
      const { iam } = stores();
      const before = await iam.changeCounter();
      const names = ['Racer', 'RACER', 'racer', 'rAcEr'];
      const results = await Promise.all(names.map((name) => iam.createRole(role(name))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await iam.changeCounter()).toBe(before + 1);
      const winner = names[results.indexOf(true)];
      expect((await iam.getRole(accountId, 'racer'))?.roleName).toBe(winner);
    });

    it('starts the change counter at a number and only moves it forward', async () => {
      const { iam } = stores();
      const start = await iam.changeCounter();
      expect(Number.isSafeInteger(start)).toBe(true);
      await iam.createUser(user('u1'));
      await iam.createRole(role('r1'));
      await iam.deleteRole(accountId, 'r1');
      expect(await iam.changeCounter()).toBe(start + 3);
    });
  });
}

/**
 * @module test/storage-contract/iam-group-cases
 * IamStore users beyond create/get (list, update, rename, delete) and groups with their members.
 */

import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';
import { accountId, group, otherAccountId, principal, user } from './fixtures.js';

const policyArn = `arn:aws:iam::${accountId}:policy/P`;
const doc = '{"Version":"2012-10-17","Statement":[]}';

export function iamGroupCases(stores: StoresGetter): void {
  describe('IamStore user lifecycle', () => {
    it('lists users of one account by folded name, filtered by path prefix', async () => {
      const { iam } = stores();
      await iam.createUser(user('zed', { path: '/eng/' }));
      await iam.createUser(user('Amy'));
      await iam.createUser(user('bob', { path: '/eng/web/' }));
      await iam.createUser(user('carl', { accountId: otherAccountId }));
      expect((await iam.listUsers(accountId, '/')).map((u) => u.userName)).toEqual(['Amy', 'bob', 'zed']);
      expect((await iam.listUsers(accountId, '/eng/')).map((u) => u.userName)).toEqual(['bob', 'zed']);
    });

    it('updates a user in place and reports a missing one', async () => {
      const { iam } = stores();
      await iam.createUser(user('Alice'));
      const before = await iam.changeCounter();
      const changed = user('Alice', { path: '/new/', tags: [], permissionsBoundaryArn: policyArn });
      expect(await iam.updateUser(changed)).toBe(true);
      expect(await iam.getUser(accountId, 'alice')).toEqual(changed);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.updateUser(user('ghost'))).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
    });

    it('renames a user with its attachments, inline policies and memberships', async () => {
      const { iam } = stores();
      await iam.createUser(user('old'));
      await iam.createUser(user('taken'));
      await iam.createGroup(group('devs'));
      await iam.addUserToGroup(accountId, 'devs', 'old');
      await iam.attachPolicy(principal('user', 'old'), policyArn);
      await iam.putInlinePolicy({ owner: principal('user', 'old'), policyName: 'inline', document: doc });
      expect(await iam.updateUser(user('TAKEN'), 'old')).toBe(false);
      const renamed = user('New', { arn: `arn:aws:iam::${accountId}:user/New` });
      expect(await iam.updateUser(renamed, 'OLD')).toBe(true);
      expect(await iam.getUser(accountId, 'old')).toBeUndefined();
      expect(await iam.getUser(accountId, 'new')).toEqual(renamed);
      expect(await iam.listAttachedPolicies(principal('user', 'new'))).toEqual([policyArn]);
      expect(await iam.listAttachedPolicies(principal('user', 'old'))).toEqual([]);
      expect(await iam.getInlinePolicy(principal('user', 'NEW'), 'inline')).toEqual({
        owner: principal('user', 'New'),
        policyName: 'inline',
        document: doc,
      });
      expect((await iam.listGroupsForUser(accountId, 'new')).map((g) => g.groupName)).toEqual(['devs']);
      expect((await iam.listGroupMembers(accountId, 'devs')).map((u) => u.userName)).toEqual(['New']);
    });

    it('changes only the case of a name', async () => {
      const { iam } = stores();
      await iam.createUser(user('bob'));
      expect(await iam.updateUser(user('BOB'), 'bob')).toBe(true);
      expect((await iam.getUser(accountId, 'bob'))?.userName).toBe('BOB');
    });

    it('deletes a user once, with its memberships', async () => {
      const { iam } = stores();
      await iam.createUser(user('gone'));
      await iam.createGroup(group('g'));
      await iam.addUserToGroup(accountId, 'g', 'gone');
      const before = await iam.changeCounter();
      expect(await iam.deleteUser(accountId, 'GONE')).toBe(true);
      expect(await iam.deleteUser(accountId, 'gone')).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      await iam.createUser(user('gone'));
      expect(await iam.listGroupsForUser(accountId, 'gone')).toEqual([]);
    });
  });

  describe('IamStore groups', () => {
    it('creates a group once per account and finds it case-insensitively', async () => {
      const { iam } = stores();
      const admins = group('Admins', { path: '/ops/' });
      expect(await iam.createGroup(admins)).toBe(true);
      expect(await iam.createGroup(group('ADMINS'))).toBe(false);
      expect(await iam.createGroup(group('admins', { accountId: otherAccountId }))).toBe(true);
      expect(await iam.getGroup(accountId, 'admins')).toEqual(admins);
      expect(await iam.getGroup(accountId, 'nope')).toBeUndefined();
    });

    it('lists groups sorted and filtered by path prefix', async () => {
      const { iam } = stores();
      for (const [name, path] of [
        ['b', '/x/'],
        ['A', '/'],
        ['c', '/x/y/'],
      ] as const)
        await iam.createGroup(group(name, { path }));
      expect((await iam.listGroups(accountId, '/')).map((g) => g.groupName)).toEqual(['A', 'b', 'c']);
      expect((await iam.listGroups(accountId, '/x/')).map((g) => g.groupName)).toEqual(['b', 'c']);
    });

    it('adds members idempotently and lists both directions', async () => {
      const { iam } = stores();
      for (const name of ['ann', 'Ben']) await iam.createUser(user(name));
      for (const name of ['dev', 'Ops']) await iam.createGroup(group(name));
      const before = await iam.changeCounter();
      expect(await iam.addUserToGroup(accountId, 'DEV', 'ANN')).toBe(true);
      expect(await iam.addUserToGroup(accountId, 'dev', 'ann')).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      await iam.addUserToGroup(accountId, 'dev', 'ben');
      await iam.addUserToGroup(accountId, 'ops', 'ann');
      expect((await iam.listGroupMembers(accountId, 'dev')).map((u) => u.userName)).toEqual(['ann', 'Ben']);
      expect((await iam.listGroupsForUser(accountId, 'Ann')).map((g) => g.groupName)).toEqual(['dev', 'Ops']);
      expect(await iam.listGroupsForUser(otherAccountId, 'ann')).toEqual([]);
      expect(await iam.removeUserFromGroup(accountId, 'Dev', 'Ann')).toBe(true);
      expect(await iam.removeUserFromGroup(accountId, 'dev', 'ann')).toBe(false);
      expect((await iam.listGroupsForUser(accountId, 'ann')).map((g) => g.groupName)).toEqual(['Ops']);
    });

    it('renames a group with its members and policies, refusing a taken name', async () => {
      const { iam } = stores();
      await iam.createUser(user('u'));
      await iam.createGroup(group('before'));
      await iam.createGroup(group('other'));
      await iam.addUserToGroup(accountId, 'before', 'u');
      await iam.attachPolicy(principal('group', 'before'), policyArn);
      await iam.putInlinePolicy({ owner: principal('group', 'before'), policyName: 'p', document: doc });
      expect(await iam.updateGroup(group('Other'), 'before')).toBe(false);
      expect(await iam.updateGroup(group('after', { path: '/p/' }), 'before')).toBe(true);
      expect(await iam.getGroup(accountId, 'before')).toBeUndefined();
      expect((await iam.getGroup(accountId, 'after'))?.path).toBe('/p/');
      expect((await iam.listGroupMembers(accountId, 'after')).map((u) => u.userName)).toEqual(['u']);
      expect(await iam.listAttachedPolicies(principal('group', 'after'))).toEqual([policyArn]);
      expect((await iam.listInlinePolicies(principal('group', 'after'))).map((p) => p.owner.name)).toEqual(['after']);
      expect(await iam.updateGroup(group('ghost'))).toBe(false);
    });

    it('deletes a group once, with its memberships', async () => {
      const { iam } = stores();
      await iam.createUser(user('u'));
      await iam.createGroup(group('g'));
      await iam.addUserToGroup(accountId, 'g', 'u');
      expect(await iam.deleteGroup(accountId, 'G')).toBe(true);
      expect(await iam.deleteGroup(accountId, 'g')).toBe(false);
      await iam.createGroup(group('g'));
      expect(await iam.listGroupMembers(accountId, 'g')).toEqual([]);
    });
  });
}

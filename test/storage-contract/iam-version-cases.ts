/**
 * @module test/storage-contract/iam-version-cases
 * IamStore policy versions, policy metadata updates and listings, and who uses a policy.
 */

import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';
import { accountId, at, otherAccountId, policy, principal, role, user, version } from './fixtures.js';

export function iamVersionCases(stores: StoresGetter): void {
  describe('IamStore policy versions', () => {
    it('adds a version without changing the default, then one that becomes the default', async () => {
      const { iam } = stores();
      const p = policy('Versioned');
      await iam.createPolicy(p, version(p.arn));
      const v2 = version(p.arn, { versionId: 'v2', document: '{"v":2}', createDate: at(10) });
      const before = await iam.changeCounter();
      expect(await iam.createPolicyVersion(v2, false)).toBe(true);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect((await iam.getPolicy(p.arn))?.defaultVersionId).toBe('v1');
      const v3 = version(p.arn, { versionId: 'v3', document: '{"v":3}', createDate: at(20) });
      expect(await iam.createPolicyVersion(v3, true)).toBe(true);
      expect(await iam.getPolicy(p.arn)).toEqual({ ...p, defaultVersionId: 'v3', updateDate: at(20) });
      expect((await iam.listPolicyVersions(p.arn)).map((v) => v.versionId)).toEqual(['v1', 'v2', 'v3']);
      expect(await iam.getPolicyVersion(p.arn, 'v2')).toEqual(v2);
    });

    it('refuses a version id already used, and a version of a missing policy', async () => {
      const { iam } = stores();
      const p = policy('P');
      await iam.createPolicy(p, version(p.arn));
      const before = await iam.changeCounter();
      expect(await iam.createPolicyVersion(version(p.arn, { document: '{"x":1}' }), true)).toBe(false);
      expect(await iam.createPolicyVersion(version(`${p.arn}-none`, { versionId: 'v2' }), false)).toBe(false);
      expect(await iam.changeCounter()).toBe(before);
      expect((await iam.getPolicyVersion(p.arn, 'v1'))?.document).toBe(version(p.arn).document);
    });

    it('deletes one version once', async () => {
      const { iam } = stores();
      const p = policy('P');
      await iam.createPolicy(p, version(p.arn));
      await iam.createPolicyVersion(version(p.arn, { versionId: 'v2', createDate: at(9) }), false);
      expect(await iam.deletePolicyVersion(p.arn, 'v2')).toBe(true);
      expect(await iam.deletePolicyVersion(p.arn, 'v2')).toBe(false);
      expect((await iam.listPolicyVersions(p.arn)).map((v) => v.versionId)).toEqual(['v1']);
    });

    it('updates policy metadata and lists the policies of an account by name', async () => {
      const { iam } = stores();
      for (const name of ['beta', 'Alpha', 'gamma']) {
        const p = policy(name);
        await iam.createPolicy(p, version(p.arn));
      }
      const elsewhere = policy('aaa', { accountId: otherAccountId });
      await iam.createPolicy(elsewhere, version(elsewhere.arn));
      expect((await iam.listPolicies(accountId)).map((p) => p.policyName)).toEqual(['Alpha', 'beta', 'gamma']);
      const { description: _d, ...changed } = policy('beta', { tags: [{ Key: 't', Value: 'v' }], updateDate: at(50) });
      expect(await iam.updatePolicy(changed)).toBe(true);
      expect(await iam.getPolicy(changed.arn)).toEqual(changed);
      expect(await iam.updatePolicy(policy('missing'))).toBe(false);
    });
  });

  describe('IamStore policy usage', () => {
    const arn = `arn:aws:iam::${accountId}:policy/Used`;

    it('lists who a policy is attached to, by account, kind and folded name', async () => {
      const { iam } = stores();
      await iam.attachPolicy(principal('user', 'Zoe'), arn);
      await iam.attachPolicy(principal('role', 'Worker'), arn);
      await iam.attachPolicy(principal('group', 'admins'), arn);
      await iam.attachPolicy(principal('role', 'api'), arn);
      await iam.attachPolicy(principal('role', 'other'), `${arn}2`);
      expect(await iam.listPolicyAttachments(arn)).toEqual([
        principal('group', 'admins'),
        principal('role', 'api'),
        principal('role', 'worker'),
        principal('user', 'zoe'),
      ]);
      expect(await iam.listPolicyAttachments(`${arn}3`)).toEqual([]);
    });

    it('counts the attachments of each policy within one account', async () => {
      const { iam } = stores();
      await iam.attachPolicy(principal('user', 'a'), arn);
      await iam.attachPolicy(principal('role', 'b'), arn);
      await iam.attachPolicy(principal('role', 'b'), `${arn}2`);
      await iam.attachPolicy(principal('role', 'b', otherAccountId), arn);
      expect(Object.fromEntries(await iam.countAttachmentsByPolicy(accountId))).toEqual({ [arn]: 2, [`${arn}2`]: 1 });
      expect((await iam.countAttachmentsByPolicy('999999999999')).size).toBe(0);
    });

    it('counts users and roles that use a policy as their permissions boundary', async () => {
      const { iam } = stores();
      await iam.createUser(user('a', { permissionsBoundaryArn: arn }));
      await iam.createUser(user('b', { permissionsBoundaryArn: `${arn}2` }));
      await iam.createRole(role('r', { permissionsBoundaryArn: arn }));
      await iam.createRole(role('s'));
      expect(await iam.countPermissionsBoundaryUsage(arn)).toBe(2);
      expect(await iam.countPermissionsBoundaryUsage(`${arn}3`)).toBe(0);
      await iam.createRole(role('t', { accountId: otherAccountId, permissionsBoundaryArn: arn }));
      expect(Object.fromEntries(await iam.countBoundaryUsageByPolicy(accountId))).toEqual({ [arn]: 2, [`${arn}2`]: 1 });
    });
  });
}

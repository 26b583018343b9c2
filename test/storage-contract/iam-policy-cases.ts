/**
 * @module test/storage-contract/iam-policy-cases
 * IamStore managed policies, versions, attachments and inline policies.
 */

import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';
import { accountId, at, otherAccountId, policy, principal, version } from './fixtures.js';

export function iamPolicyCases(stores: StoresGetter): void {
  describe('IamStore managed policies', () => {
    it('creates a policy with its default version', async () => {
      const { iam } = stores();
      const p = policy('S3Read', { path: '/team/' });
      const v = version(p.arn);
      const before = await iam.changeCounter();
      expect(await iam.createPolicy(p, v)).toBe(true);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.getPolicy(p.arn)).toEqual(p);
      expect(await iam.getPolicyVersion(p.arn, 'v1')).toEqual(v);
      expect(await iam.getPolicyVersion(p.arn, 'v2')).toBeUndefined();
      expect(await iam.listPolicyVersions(p.arn)).toEqual([v]);
      expect(await iam.getPolicy(`${p.arn}-nope`)).toBeUndefined();
      expect(await iam.listPolicyVersions(`${p.arn}-nope`)).toEqual([]);
    });

    it('refuses a second policy with the same name in any case or path, per account', async () => {
      const { iam } = stores();
      const p = policy('S3Read');
      await iam.createPolicy(p, version(p.arn));
      const before = await iam.changeCounter();
      const clash = policy('s3read', { path: '/other/' });
      expect(await iam.createPolicy(clash, version(clash.arn))).toBe(false);
      expect(await iam.createPolicy(p, version(p.arn, { document: '{}' }))).toBe(false);
      expect(await iam.changeCounter()).toBe(before);
      expect(await iam.getPolicy(clash.arn)).toBeUndefined();
      expect((await iam.getPolicyVersion(p.arn, 'v1'))?.document).not.toBe('{}');
      const elsewhere = policy('S3Read', { accountId: otherAccountId });
      expect(await iam.createPolicy(elsewhere, version(elsewhere.arn))).toBe(true);
    });

    it('round-trips a policy without a description', async () => {
      const { iam } = stores();
      const { description: _d, ...p } = policy('Bare', { tags: [{ Key: 'a', Value: '' }] });
      await iam.createPolicy(p, version(p.arn, { createDate: at(30) }));
      expect(await iam.getPolicy(p.arn)).toEqual(p);
    });

    it('deletes a policy together with its versions', async () => {
      const { iam } = stores();
      const p = policy('Temp');
      await iam.createPolicy(p, version(p.arn));
      const before = await iam.changeCounter();
      expect(await iam.deletePolicy(p.arn)).toBe(true);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.getPolicy(p.arn)).toBeUndefined();
      expect(await iam.getPolicyVersion(p.arn, 'v1')).toBeUndefined();
      expect(await iam.listPolicyVersions(p.arn)).toEqual([]);
      expect(await iam.deletePolicy(p.arn)).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.createPolicy(policy('TEMP'), version(policy('TEMP').arn))).toBe(true);
    });
  });

  describe('IamStore attachments', () => {
    const arnA = `arn:aws:iam::${accountId}:policy/A`;
    const arnB = `arn:aws:iam::${accountId}:policy/B`;
    const arnAws = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

    it('attaches idempotently, matching the owner name case-insensitively', async () => {
      const { iam } = stores();
      const before = await iam.changeCounter();
      expect(await iam.attachPolicy(principal('role', 'Worker'), arnA)).toBe(true);
      expect(await iam.attachPolicy(principal('role', 'WORKER'), arnA)).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.listAttachedPolicies(principal('role', 'worker'))).toEqual([arnA]);
    });

    it('counts concurrent attachments of the same policy once', async () => {
      const { iam } = stores();
      const before = await iam.changeCounter();
      const owners = ['app', 'APP', 'App'].map((name) => principal('user', name));
      const results = await Promise.all(owners.map((owner) => iam.attachPolicy(owner, arnB)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await iam.countPolicyAttachments(arnB)).toBe(1);
      expect(await iam.changeCounter()).toBe(before + 1);
    });

    it('lists attached ARNs sorted, separately per kind and account', async () => {
      const { iam } = stores();
      await iam.attachPolicy(principal('role', 'x'), arnB);
      await iam.attachPolicy(principal('role', 'x'), arnAws);
      await iam.attachPolicy(principal('role', 'x'), arnA);
      await iam.attachPolicy(principal('user', 'x'), arnB);
      await iam.attachPolicy(principal('role', 'x', otherAccountId), arnA);
      expect(await iam.listAttachedPolicies(principal('role', 'X'))).toEqual([arnA, arnB, arnAws]);
      expect(await iam.listAttachedPolicies(principal('user', 'x'))).toEqual([arnB]);
      expect(await iam.listAttachedPolicies(principal('group', 'x'))).toEqual([]);
      expect(await iam.listAttachedPolicies(principal('role', 'x', otherAccountId))).toEqual([arnA]);
    });

    it('counts attachments across users, roles and groups, and detaches once', async () => {
      const { iam } = stores();
      await iam.attachPolicy(principal('user', 'u'), arnA);
      await iam.attachPolicy(principal('role', 'r'), arnA);
      await iam.attachPolicy(principal('group', 'g'), arnA);
      await iam.attachPolicy(principal('role', 'r'), arnB);
      expect(await iam.countPolicyAttachments(arnA)).toBe(3);
      expect(await iam.countPolicyAttachments(arnB)).toBe(1);
      expect(await iam.countPolicyAttachments(arnAws)).toBe(0);

      const before = await iam.changeCounter();
      expect(await iam.detachPolicy(principal('role', 'R'), arnA)).toBe(true);
      expect(await iam.detachPolicy(principal('role', 'r'), arnA)).toBe(false);
      expect(await iam.detachPolicy(principal('user', 'u'), arnB)).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.countPolicyAttachments(arnA)).toBe(2);
      expect(await iam.listAttachedPolicies(principal('role', 'r'))).toEqual([arnB]);
    });
  });

  describe('IamStore inline policies', () => {
    const doc = (n: number) => JSON.stringify({ Version: '2012-10-17', Statement: [], n });

    it('puts, gets case-insensitively and replaces keeping the first spelling', async () => {
      const { iam } = stores();
      const owner = principal('role', 'Worker');
      const before = await iam.changeCounter();
      await iam.putInlinePolicy({ owner, policyName: 'S3Access', document: doc(1) });
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.getInlinePolicy(principal('role', 'WORKER'), 's3access')).toEqual({
        owner,
        policyName: 'S3Access',
        document: doc(1),
      });
      await iam.putInlinePolicy({ owner: principal('role', 'worker'), policyName: 'S3ACCESS', document: doc(2) });
      expect(await iam.changeCounter()).toBe(before + 2);
      expect(await iam.getInlinePolicy(owner, 'S3Access')).toEqual({ owner, policyName: 'S3Access', document: doc(2) });
      expect(await iam.getInlinePolicy(principal('user', 'Worker'), 'S3Access')).toBeUndefined();
    });

    it('lists the inline policies of one owner sorted by name', async () => {
      const { iam } = stores();
      const owner = principal('user', 'alice');
      for (const name of ['zeta', 'Alpha', 'mid'])
        await iam.putInlinePolicy({ owner, policyName: name, document: doc(0) });
      await iam.putInlinePolicy({ owner: principal('user', 'bob'), policyName: 'other', document: doc(0) });
      const listed = await iam.listInlinePolicies(principal('user', 'ALICE'));
      expect(listed.map((p) => p.policyName)).toEqual(['Alpha', 'mid', 'zeta']);
      expect(listed.every((p) => p.owner.name === 'alice' && p.owner.kind === 'user')).toBe(true);
      expect(await iam.listInlinePolicies(principal('group', 'alice'))).toEqual([]);
    });

    it('deletes an inline policy once', async () => {
      const { iam } = stores();
      const owner = principal('group', 'admins');
      await iam.putInlinePolicy({ owner, policyName: 'All', document: doc(0) });
      const before = await iam.changeCounter();
      expect(await iam.deleteInlinePolicy(principal('group', 'ADMINS'), 'all')).toBe(true);
      expect(await iam.deleteInlinePolicy(owner, 'All')).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 1);
      expect(await iam.getInlinePolicy(owner, 'All')).toBeUndefined();
    });
  });
}

/**
 * @module test/storage-contract/iam-provider-cases
 * IamStore identity providers (OIDC and SAML): every field round-trips, per account and kind.
 */

import { describe, expect, it } from 'vitest';
import type { IdentityProviderRecord } from '../../src/core/entities.js';
import type { StoresGetter } from './contract.js';
import { accountId, at, otherAccountId } from './fixtures.js';

const oidc: IdentityProviderRecord = {
  accountId,
  arn: `arn:aws:iam::${accountId}:oidc-provider/token.actions.example.com`,
  kind: 'oidc',
  createDate: at(1),
  tags: [{ Key: 'ci', Value: 'yes' }],
  url: 'token.actions.example.com',
  clientIds: ['sts.amazonaws.com'],
  thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
};
const saml: IdentityProviderRecord = {
  accountId,
  arn: `arn:aws:iam::${accountId}:saml-provider/Corp`,
  kind: 'saml',
  createDate: at(2),
  tags: [],
  samlMetadataDocument: '<EntityDescriptor/>',
  validUntil: at(1000),
};

export function iamProviderCases(stores: StoresGetter): void {
  describe('IamStore identity providers', () => {
    it('creates once, reads back every field and lists per account and kind', async () => {
      const { iam } = stores();
      expect(await iam.createIdentityProvider(oidc)).toBe(true);
      expect(await iam.createIdentityProvider(oidc)).toBe(false);
      expect(await iam.createIdentityProvider(saml)).toBe(true);
      const elsewhere = {
        ...saml,
        accountId: otherAccountId,
        arn: `arn:aws:iam::${otherAccountId}:saml-provider/Corp`,
      };
      await iam.createIdentityProvider(elsewhere);
      expect(await iam.getIdentityProvider(oidc.arn)).toEqual(oidc);
      expect(await iam.getIdentityProvider(saml.arn)).toEqual(saml);
      expect(await iam.listIdentityProviders(accountId, 'oidc')).toEqual([oidc]);
      expect(await iam.listIdentityProviders(accountId, 'saml')).toEqual([saml]);
    });

    it('updates and deletes once', async () => {
      const { iam } = stores();
      await iam.createIdentityProvider(oidc);
      const before = await iam.changeCounter();
      const updated = { ...oidc, clientIds: ['a', 'b'], thumbprints: [] };
      expect(await iam.updateIdentityProvider(updated)).toBe(true);
      expect(await iam.getIdentityProvider(oidc.arn)).toEqual(updated);
      expect(await iam.updateIdentityProvider(saml)).toBe(false);
      expect(await iam.deleteIdentityProvider(oidc.arn)).toBe(true);
      expect(await iam.deleteIdentityProvider(oidc.arn)).toBe(false);
      expect(await iam.changeCounter()).toBe(before + 2);
    });
  });
}

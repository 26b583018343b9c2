/**
 * @module test/storage-contract/iam-credential-cases
 * IamStore user credentials (login profiles, signing certificates, SSH public keys, service-specific credentials)
 * and account password policies: unique ids, per-user listings in creation order, updates, renames, deletion.
 */

import { describe, expect, it } from 'vitest';
import type {
  LoginProfileRecord,
  PasswordPolicyRecord,
  ServiceCredentialRecord,
  SigningCertificateRecord,
  SshPublicKeyRecord,
} from '../../src/core/entities.js';
import type { StoresGetter } from './contract.js';
import { accountId, at, otherAccountId, user } from './fixtures.js';

const loginProfile = (userName: string, overrides: Partial<LoginProfileRecord> = {}): LoginProfileRecord => ({
  kind: 'login-profile',
  accountId,
  userName,
  id: `login-profile/AIDA${userName.toUpperCase()}`,
  status: 'Active',
  createDate: at(1),
  passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
  passwordResetRequired: true,
  ...overrides,
});

const certificate = (id: string, userName: string, seconds: number): SigningCertificateRecord => ({
  kind: 'signing-certificate',
  accountId,
  userName,
  id,
  status: 'Active',
  createDate: at(seconds),
  body: `-----BEGIN CERTIFICATE-----\n${id}\n-----END CERTIFICATE-----\n`,
  fingerprint: `sha256-${id}`,
});

const sshKey = (id: string, userName: string): SshPublicKeyRecord => ({
  kind: 'ssh-public-key',
  accountId,
  userName,
  id,
  status: 'Active',
  createDate: at(3),
  body: 'ssh-rsa AAAAB3NzaC1yc2E',
  fingerprint: '7a:1d:ea:9e:b0:80:ac:f8:ec:d8:dc:e6:a7:2c:fc:51',
});

const serviceCredential = (id: string, userName: string): ServiceCredentialRecord => ({
  kind: 'service-credential',
  accountId,
  userName,
  id,
  status: 'Active',
  createDate: at(4),
  serviceName: 'codecommit.amazonaws.com',
  serviceUserName: `${userName}-at-${accountId}`,
  passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
  expirationDate: at(86_400),
});

const policy: PasswordPolicyRecord = {
  minimumPasswordLength: 12,
  requireSymbols: true,
  requireNumbers: false,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 3,
  hardExpiry: false,
};

export function iamCredentialCases(stores: StoresGetter): void {
  describe('IamStore user credentials', () => {
    it('stores every kind once per id and reads it back whole', async () => {
      const { iam } = stores();
      const records = [
        loginProfile('alice'),
        certificate('CERTB', 'alice', 2),
        sshKey('APKAAAAAAAAAAAAAAAAA', 'alice'),
        serviceCredential('ACCAAAAAAAAAAAAAAAAAA', 'alice'),
      ];
      for (const record of records) {
        const before = await iam.changeCounter();
        expect(await iam.createUserCredential(record)).toBe(true);
        expect(await iam.changeCounter()).toBe(before + 1);
        expect(await iam.createUserCredential(record)).toBe(false);
        expect(await iam.getUserCredential(accountId, record.id)).toEqual(record);
        expect(await iam.getUserCredential(otherAccountId, record.id)).toBeUndefined();
      }
      expect(await iam.listUserCredentials(accountId, 'service-credential')).toEqual([records[3]]);
    });

    it('lists per kind and user, oldest first, and updates and deletes by id', async () => {
      const { iam } = stores();
      await iam.createUserCredential(certificate('CERTB', 'alice', 5));
      await iam.createUserCredential(certificate('CERTA', 'Alice', 5));
      await iam.createUserCredential(certificate('CERTC', 'alice', 1));
      await iam.createUserCredential(certificate('CERTD', 'bob', 0));
      await iam.createUserCredential(sshKey('APKAAAAAAAAAAAAAAAAA', 'alice'));
      const ids = async (userName?: string) =>
        (await iam.listUserCredentials(accountId, 'signing-certificate', userName)).map((c) => c.id);
      expect(await ids('ALICE')).toEqual(['CERTC', 'CERTA', 'CERTB']);
      expect(await ids()).toEqual(['CERTD', 'CERTC', 'CERTA', 'CERTB']);
      const inactive = { ...certificate('CERTA', 'Alice', 5), status: 'Inactive' as const };
      expect(await iam.updateUserCredential(inactive)).toBe(true);
      expect(await iam.getUserCredential(accountId, 'CERTA')).toEqual(inactive);
      expect(await iam.updateUserCredential(certificate('NONE', 'alice', 1))).toBe(false);
      expect(await iam.deleteUserCredential(otherAccountId, 'CERTA')).toBe(false);
      expect(await iam.deleteUserCredential(accountId, 'CERTA')).toBe(true);
      expect(await iam.deleteUserCredential(accountId, 'CERTA')).toBe(false);
      expect(await ids('alice')).toEqual(['CERTC', 'CERTB']);
    });

    it('changes a login profile without losing its owner', async () => {
      const { iam } = stores();
      await iam.createUserCredential(loginProfile('alice'));
      const changed = loginProfile('alice', { passwordHash: 'scrypt$new', passwordResetRequired: false });
      expect(await iam.updateUserCredential(changed)).toBe(true);
      expect(await iam.getUserCredential(accountId, changed.id)).toEqual(changed);
    });

    it('follows a renamed user', async () => {
      const { iam } = stores();
      await iam.createUser(user('old'));
      await iam.createUserCredential(loginProfile('old'));
      await iam.createUserCredential(sshKey('APKAAAAAAAAAAAAAAAAA', 'old'));
      await iam.updateUser(user('new', { arn: `arn:aws:iam::${accountId}:user/new` }), 'old');
      expect((await iam.listUserCredentials(accountId, 'ssh-public-key', 'new')).map((c) => c.userName)).toEqual([
        'new',
      ]);
      expect((await iam.listUserCredentials(accountId, 'login-profile', 'old')).length).toBe(0);
      expect((await iam.getUserCredential(accountId, loginProfile('old').id))?.userName).toBe('new');
    });

    it('sets, replaces and removes the account password policy', async () => {
      const { iam } = stores();
      expect(await iam.getPasswordPolicy(accountId)).toBeUndefined();
      expect(await iam.setPasswordPolicy(accountId, undefined)).toBe(false);
      expect(await iam.setPasswordPolicy(accountId, policy)).toBe(true);
      const shorter = { ...policy, minimumPasswordLength: 8, maxPasswordAge: undefined };
      expect(await iam.setPasswordPolicy(accountId, shorter)).toBe(true);
      expect(await iam.getPasswordPolicy(accountId)).toEqual(shorter);
      expect(await iam.getPasswordPolicy(otherAccountId)).toBeUndefined();
      expect(await iam.setPasswordPolicy(accountId, undefined)).toBe(true);
      expect(await iam.getPasswordPolicy(accountId)).toBeUndefined();
    });
  });
}

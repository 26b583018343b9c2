/**
 * The user credentials besides access keys and MFA devices, through the JS SDK v3: login profiles under the account
 * password policy (the password never comes back), signing certificates, SSH public keys in both encodings,
 * service-specific credentials (the password only at create and reset), and DeleteUser refusing while any exists.
 */

import { generateKeyPairSync } from 'node:crypto';
import {
  CreateLoginProfileCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetSSHPublicKeyCommand,
  IAMClient,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ResetServiceSpecificCredentialCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
  UpdateServiceSpecificCredentialCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/aws-clients.js';
import { testCertificates } from '../support/certificates.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: ReturnType<typeof clientsFor>['iam'];

beforeAll(async () => {
  t = await startTestApp();
  admin = clientsFor(t, t.root).iam;
});

afterAll(async () => {
  await t?.app.close();
});

const rsaPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('user credentials', () => {
  it('keeps a login profile under the password policy, never returning the password', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'console' }));
    const missing = await failure(admin.send(new GetLoginProfileCommand({ UserName: 'console' })));
    expect(missing).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
    expect(missing.message).toBe('Login Profile for User console cannot be found.');
    // Without a policy AWS's default applies: 8 characters and three kinds of character.
    const weak = await failure(
      admin.send(new CreateLoginProfileCommand({ UserName: 'console', Password: 'password' })),
    );
    expect(weak).toMatchObject({ name: 'PasswordPolicyViolationException', status: 400 });

    const created = await admin.send(
      new CreateLoginProfileCommand({ UserName: 'console', Password: 'Correct-Horse-9', PasswordResetRequired: true }),
    );
    expect(created.LoginProfile).toMatchObject({ UserName: 'console', PasswordResetRequired: true });
    expect(JSON.stringify(created)).not.toContain('Correct-Horse-9');
    const again = await failure(
      admin.send(new CreateLoginProfileCommand({ UserName: 'console', Password: 'Correct-Horse-9' })),
    );
    expect(again).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });

    expect(await failure(admin.send(new GetAccountPasswordPolicyCommand({})))).toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Password Policy with domain name ${t.accountId} cannot be found.`,
    });
    await admin.send(
      new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20, RequireSymbols: true, MaxPasswordAge: 90 }),
    );
    const policy = (await admin.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
    expect(policy).toMatchObject({
      MinimumPasswordLength: 20,
      RequireSymbols: true,
      RequireNumbers: false,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
    });
    const short = await failure(
      admin.send(new UpdateLoginProfileCommand({ UserName: 'console', Password: 'Correct-Horse-9' })),
    );
    expect(short).toMatchObject({
      name: 'PasswordPolicyViolationException',
      message: 'Password should have a minimum length of 20',
    });
    const noSymbol = await failure(
      admin.send(new UpdateLoginProfileCommand({ UserName: 'console', Password: 'a'.repeat(20) })),
    );
    expect(noSymbol.message).toBe('Password should have at least one symbol');
    await admin.send(
      new UpdateLoginProfileCommand({
        UserName: 'console',
        Password: 'a-much-longer-passphrase!',
        PasswordResetRequired: false,
      }),
    );
    const got = await admin.send(new GetLoginProfileCommand({ UserName: 'console' }));
    expect(got.LoginProfile).toMatchObject({ UserName: 'console', PasswordResetRequired: false });
    expect(got.LoginProfile?.CreateDate).toEqual(created.LoginProfile?.CreateDate);

    const conflict = await failure(admin.send(new DeleteUserCommand({ UserName: 'console' })));
    expect(conflict).toMatchObject({
      name: 'DeleteConflictException',
      status: 409,
      message: 'Cannot delete entity, must delete login profile first.',
    });
    await admin.send(new DeleteLoginProfileCommand({ UserName: 'console' }));
    await admin.send(new DeleteAccountPasswordPolicyCommand({}));
    expect(await failure(admin.send(new DeleteAccountPasswordPolicyCommand({})))).toMatchObject({
      name: 'NoSuchEntityException',
    });
    await admin.send(new DeleteUserCommand({ UserName: 'console' }));
  });

  it('uploads, lists, deactivates and deletes signing certificates', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'signer' }));
    const malformed = await failure(
      admin.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: 'not a certificate' })),
    );
    expect(malformed).toMatchObject({ name: 'MalformedCertificateException', status: 400 });
    const [first, second, third] = testCertificates;
    const uploaded = await admin.send(
      new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: first }),
    );
    const id = uploaded.Certificate?.CertificateId ?? '';
    expect(uploaded.Certificate).toMatchObject({ UserName: 'signer', Status: 'Active', CertificateBody: first });
    expect(id).toMatch(/^[A-Z2-7]{24,}$/);
    expect(
      await failure(admin.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: first }))),
    ).toMatchObject({ name: 'DuplicateCertificateException', status: 409 });
    await admin.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: second }));
    expect(
      await failure(admin.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: third }))),
    ).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for CertificatesPerUser: 2',
    });
    await admin.send(
      new UpdateSigningCertificateCommand({ UserName: 'signer', CertificateId: id, Status: 'Inactive' }),
    );
    const page = await admin.send(new ListSigningCertificatesCommand({ UserName: 'signer', MaxItems: 1 }));
    expect(page.Certificates).toMatchObject([{ CertificateId: id, Status: 'Inactive' }]);
    expect(page.IsTruncated).toBe(true);
    const rest = await admin.send(new ListSigningCertificatesCommand({ UserName: 'signer', Marker: page.Marker }));
    expect(rest.Certificates?.map((c) => c.CertificateBody)).toEqual([second]);

    expect(await failure(admin.send(new DeleteUserCommand({ UserName: 'signer' })))).toMatchObject({
      message: 'Cannot delete entity, must delete signing certificates first.',
    });
    for (const c of [...(page.Certificates ?? []), ...(rest.Certificates ?? [])]) {
      await admin.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: c.CertificateId }));
    }
    expect(
      await failure(admin.send(new DeleteSigningCertificateCommand({ UserName: 'signer', CertificateId: id }))),
    ).toMatchObject({ name: 'NoSuchEntityException', message: `The Certificate with id ${id} cannot be found.` });
    // An expired certificate is refused: the server's clock (and the signer's, so the request is not stale) moves
    // past 2126.
    const century = 101 * 365 * 86_400_000;
    const later = new IAMClient({
      endpoint: t.endpoint,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
      systemClockOffset: century,
    });
    t.clock.advance(century);
    try {
      expect(
        await failure(later.send(new UploadSigningCertificateCommand({ UserName: 'signer', CertificateBody: third }))),
      ).toMatchObject({ name: 'MalformedCertificateException', message: 'The certificate has expired.' });
    } finally {
      t.clock.advance(-century);
    }
    await admin.send(new DeleteUserCommand({ UserName: 'signer' }));
  });

  it('uploads SSH public keys in either format and returns them in both encodings', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'git' }));
    const pem = rsaPem();
    const uploaded = (await admin.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: pem })))
      .SSHPublicKey;
    expect(uploaded?.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{17}$/);
    expect(uploaded?.Fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect(uploaded?.SSHPublicKeyBody).toMatch(/^ssh-rsa AAAAB3NzaC1yc2E/);
    const id = uploaded?.SSHPublicKeyId ?? '';
    const asPem = await admin.send(
      new GetSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id, Encoding: 'PEM' }),
    );
    expect(asPem.SSHPublicKey?.SSHPublicKeyBody).toBe(pem);
    // The same key in its ssh-rsa form is a duplicate.
    const duplicate = await failure(
      admin.send(
        new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: `${uploaded?.SSHPublicKeyBody} me@laptop` }),
      ),
    );
    expect(duplicate).toMatchObject({ name: 'DuplicateSSHPublicKeyException', status: 400 });
    const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(
      await failure(admin.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: ed25519 }))),
    ).toMatchObject({ name: 'UnrecognizedPublicKeyEncodingException', status: 400 });
    expect(
      await failure(admin.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: 'ssh-rsa AAAA' }))),
    ).toMatchObject({ name: 'InvalidPublicKeyException', status: 400 });
    for (let i = 0; i < 4; i++) {
      await admin.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: rsaPem() }));
    }
    expect(
      await failure(admin.send(new UploadSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyBody: rsaPem() }))),
    ).toMatchObject({ name: 'LimitExceededException' });
    await admin.send(new UpdateSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id, Status: 'Inactive' }));
    const listed = await admin.send(new ListSSHPublicKeysCommand({ UserName: 'git' }));
    expect(listed.SSHPublicKeys).toHaveLength(5);
    expect(listed.SSHPublicKeys?.[0]).toMatchObject({ SSHPublicKeyId: id, Status: 'Inactive', UserName: 'git' });

    expect(await failure(admin.send(new DeleteUserCommand({ UserName: 'git' })))).toMatchObject({
      message: 'Cannot delete entity, must delete SSH public keys first.',
    });
    for (const key of listed.SSHPublicKeys ?? []) {
      await admin.send(new DeleteSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: key.SSHPublicKeyId }));
    }
    expect(
      await failure(admin.send(new GetSSHPublicKeyCommand({ UserName: 'git', SSHPublicKeyId: id, Encoding: 'SSH' }))),
    ).toMatchObject({ name: 'NoSuchEntityException', message: `The Public Key with id ${id} cannot be found.` });
    await admin.send(new DeleteUserCommand({ UserName: 'git' }));
  });

  it('creates service-specific credentials whose password is shown only at create and reset', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'coder' }));
    const created = (
      await admin.send(
        new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'codecommit.amazonaws.com' }),
      )
    ).ServiceSpecificCredential;
    expect(created).toMatchObject({
      UserName: 'coder',
      ServiceName: 'codecommit.amazonaws.com',
      ServiceUserName: `coder-at-${t.accountId}`,
      Status: 'Active',
    });
    expect(created?.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z2-7]{17}$/);
    expect(created?.ServicePassword).toHaveLength(44);
    const id = created?.ServiceSpecificCredentialId ?? '';
    expect(
      await failure(
        admin.send(new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 's3.amazonaws.com' })),
      ),
    ).toMatchObject({ name: 'ServiceNotSupportedException', status: 404 });
    await admin.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'codecommit.amazonaws.com' }),
    );
    expect(
      await failure(
        admin.send(
          new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'codecommit.amazonaws.com' }),
        ),
      ),
    ).toMatchObject({ name: 'LimitExceededException' });
    await admin.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'coder', ServiceName: 'cassandra.amazonaws.com' }),
    );

    const reset = (
      await admin.send(
        new ResetServiceSpecificCredentialCommand({ UserName: 'coder', ServiceSpecificCredentialId: id }),
      )
    ).ServiceSpecificCredential;
    expect(reset?.ServicePassword).toHaveLength(44);
    expect(reset?.ServicePassword).not.toBe(created?.ServicePassword);
    await admin.send(
      new UpdateServiceSpecificCredentialCommand({
        UserName: 'coder',
        ServiceSpecificCredentialId: id,
        Status: 'Inactive',
      }),
    );
    const listed = await admin.send(
      new ListServiceSpecificCredentialsCommand({ UserName: 'coder', ServiceName: 'codecommit.amazonaws.com' }),
    );
    expect(listed.ServiceSpecificCredentials).toHaveLength(2);
    expect(listed.ServiceSpecificCredentials?.[0]).toMatchObject({
      ServiceSpecificCredentialId: id,
      Status: 'Inactive',
    });
    expect(JSON.stringify(listed)).not.toContain('ServicePassword');

    expect(await failure(admin.send(new DeleteUserCommand({ UserName: 'coder' })))).toMatchObject({
      message: 'Cannot delete entity, must delete service specific credentials first.',
    });
    const all = await admin.send(new ListServiceSpecificCredentialsCommand({ UserName: 'coder' }));
    for (const c of all.ServiceSpecificCredentials ?? []) {
      await admin.send(
        new DeleteServiceSpecificCredentialCommand({
          UserName: 'coder',
          ServiceSpecificCredentialId: c.ServiceSpecificCredentialId,
        }),
      );
    }
    expect(
      await failure(
        admin.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'coder', ServiceSpecificCredentialId: id })),
      ),
    ).toMatchObject({ name: 'NoSuchEntityException' });
    await admin.send(new DeleteUserCommand({ UserName: 'coder' }));
  });
});

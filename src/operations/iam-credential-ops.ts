/**
 * @module operations/iam-credential-ops
 * The user credentials other than access keys and MFA devices — login profiles, signing certificates, SSH public
 * keys, service-specific credentials — and the account password policy. Each authorizes against the user it acts
 * on (the caller itself when `UserName` is optional and absent); the password policy against `*`, as the Service
 * Authorization Reference lists them.
 */

import type { Iam } from '../shapes/index.js';
import { accountCaller, accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, onPrincipal } from './iam-targets.js';
import { keyAction } from './iam-user-ops.js';

const onUser = (action: string) => onPrincipal('user', action, (input: { UserName: string }) => input.UserName);

/** Login profiles and the account password policy. */
export const passwordOperations: AnyOperation[] = [
  defineOperation<Iam.CreateLoginProfileRequest, Iam.CreateLoginProfileResponse>('iam', 'CreateLoginProfile', {
    authorize: keyAction('iam:CreateLoginProfile'),
    handle: (input, { caller, services }) => services.iam.loginProfiles.create(accountCaller(caller), input),
  }),
  defineOperation<Iam.GetLoginProfileRequest, Iam.GetLoginProfileResponse>('iam', 'GetLoginProfile', {
    authorize: keyAction('iam:GetLoginProfile'),
    handle: (input, { caller, services }) => services.iam.loginProfiles.get(accountCaller(caller), input),
  }),
  defineOperation<Iam.UpdateLoginProfileRequest, undefined>('iam', 'UpdateLoginProfile', {
    authorize: onUser('iam:UpdateLoginProfile'),
    handle: done((input, { caller, services }) => services.iam.loginProfiles.update(accountCaller(caller), input)),
  }),
  defineOperation<Iam.DeleteLoginProfileRequest, undefined>('iam', 'DeleteLoginProfile', {
    authorize: keyAction('iam:DeleteLoginProfile'),
    handle: done((input, { caller, services }) => services.iam.loginProfiles.delete(accountCaller(caller), input)),
  }),
  defineOperation<Iam.UpdateAccountPasswordPolicyRequest, undefined>('iam', 'UpdateAccountPasswordPolicy', {
    authorize: () => ({ action: 'iam:UpdateAccountPasswordPolicy', resource: '*' }),
    handle: done((input, { caller, services }) => services.iam.passwordPolicy.update(accountOf(caller), input)),
  }),
  defineOperation<Record<string, never>, Iam.GetAccountPasswordPolicyResponse>('iam', 'GetAccountPasswordPolicy', {
    authorize: () => ({ action: 'iam:GetAccountPasswordPolicy', resource: '*' }),
    handle: (_input, { caller, services }) => services.iam.passwordPolicy.get(accountOf(caller)),
  }),
  defineOperation<Record<string, never>, undefined>('iam', 'DeleteAccountPasswordPolicy', {
    authorize: () => ({ action: 'iam:DeleteAccountPasswordPolicy', resource: '*' }),
    handle: done((_input, { caller, services }) => services.iam.passwordPolicy.delete(accountOf(caller))),
  }),
];

/** Signing certificates and SSH public keys. */
export const publicKeyOperations: AnyOperation[] = [
  defineOperation<Iam.UploadSigningCertificateRequest, Iam.UploadSigningCertificateResponse>(
    'iam',
    'UploadSigningCertificate',
    {
      authorize: keyAction('iam:UploadSigningCertificate'),
      handle: (input, { caller, services }) => services.iam.signingCertificates.upload(accountCaller(caller), input),
    },
  ),
  defineOperation<Iam.ListSigningCertificatesRequest, Iam.ListSigningCertificatesResponse>(
    'iam',
    'ListSigningCertificates',
    {
      authorize: keyAction('iam:ListSigningCertificates'),
      handle: (input, { caller, services }) => services.iam.signingCertificates.list(accountCaller(caller), input),
    },
  ),
  defineOperation<Iam.UpdateSigningCertificateRequest, undefined>('iam', 'UpdateSigningCertificate', {
    authorize: keyAction('iam:UpdateSigningCertificate'),
    handle: done((input, { caller, services }) =>
      services.iam.signingCertificates.update(accountCaller(caller), input),
    ),
  }),
  defineOperation<Iam.DeleteSigningCertificateRequest, undefined>('iam', 'DeleteSigningCertificate', {
    authorize: keyAction('iam:DeleteSigningCertificate'),
    handle: done((input, { caller, services }) =>
      services.iam.signingCertificates.delete(accountCaller(caller), input),
    ),
  }),
  defineOperation<Iam.UploadSSHPublicKeyRequest, Iam.UploadSSHPublicKeyResponse>('iam', 'UploadSSHPublicKey', {
    authorize: onUser('iam:UploadSSHPublicKey'),
    handle: (input, { caller, services }) => services.iam.sshPublicKeys.upload(accountOf(caller), input),
  }),
  defineOperation<Iam.GetSSHPublicKeyRequest, Iam.GetSSHPublicKeyResponse>('iam', 'GetSSHPublicKey', {
    authorize: onUser('iam:GetSSHPublicKey'),
    handle: (input, { caller, services }) => services.iam.sshPublicKeys.get(accountOf(caller), input),
  }),
  defineOperation<Iam.ListSSHPublicKeysRequest, Iam.ListSSHPublicKeysResponse>('iam', 'ListSSHPublicKeys', {
    authorize: keyAction('iam:ListSSHPublicKeys'),
    handle: (input, { caller, services }) => services.iam.sshPublicKeys.list(accountCaller(caller), input),
  }),
  defineOperation<Iam.UpdateSSHPublicKeyRequest, undefined>('iam', 'UpdateSSHPublicKey', {
    authorize: onUser('iam:UpdateSSHPublicKey'),
    handle: done((input, { caller, services }) => services.iam.sshPublicKeys.update(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeleteSSHPublicKeyRequest, undefined>('iam', 'DeleteSSHPublicKey', {
    authorize: onUser('iam:DeleteSSHPublicKey'),
    handle: done((input, { caller, services }) => services.iam.sshPublicKeys.delete(accountOf(caller), input)),
  }),
];

/** Service-specific credentials. */
export const serviceCredentialOperations: AnyOperation[] = [
  defineOperation<Iam.CreateServiceSpecificCredentialRequest, Iam.CreateServiceSpecificCredentialResponse>(
    'iam',
    'CreateServiceSpecificCredential',
    {
      authorize: onUser('iam:CreateServiceSpecificCredential'),
      handle: (input, { caller, services }) => services.iam.serviceCredentials.create(accountOf(caller), input),
    },
  ),
  defineOperation<Iam.ListServiceSpecificCredentialsRequest, Iam.ListServiceSpecificCredentialsResponse>(
    'iam',
    'ListServiceSpecificCredentials',
    {
      authorize: keyAction('iam:ListServiceSpecificCredentials'),
      handle: (input, { caller, services }) => services.iam.serviceCredentials.list(accountCaller(caller), input),
    },
  ),
  defineOperation<Iam.UpdateServiceSpecificCredentialRequest, undefined>('iam', 'UpdateServiceSpecificCredential', {
    authorize: keyAction('iam:UpdateServiceSpecificCredential'),
    handle: done((input, { caller, services }) => services.iam.serviceCredentials.update(accountCaller(caller), input)),
  }),
  defineOperation<Iam.ResetServiceSpecificCredentialRequest, Iam.ResetServiceSpecificCredentialResponse>(
    'iam',
    'ResetServiceSpecificCredential',
    {
      authorize: keyAction('iam:ResetServiceSpecificCredential'),
      handle: (input, { caller, services }) => services.iam.serviceCredentials.reset(accountCaller(caller), input),
    },
  ),
  defineOperation<Iam.DeleteServiceSpecificCredentialRequest, undefined>('iam', 'DeleteServiceSpecificCredential', {
    authorize: keyAction('iam:DeleteServiceSpecificCredential'),
    handle: done((input, { caller, services }) => services.iam.serviceCredentials.delete(accountCaller(caller), input)),
  }),
];

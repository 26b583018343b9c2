/**
 * @module core/iam/signing-certificates
 * X.509 signing certificates of IAM users: UploadSigningCertificate, ListSigningCertificates,
 * UpdateSigningCertificate, DeleteSigningCertificate (IAM API reference). The PEM is parsed with node:crypto's
 * X509Certificate; AWS allows two per user and one upload of the same certificate per account.
 */

import { X509Certificate } from 'node:crypto';
import { encodeBase32 } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { AccountCaller } from '../authz/caller.js';
import type { SigningCertificateRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { credentialOwner, credentialStatus } from './credential-owner.js';
import type { IamDeps } from './deps.js';
import { paginateByIndex } from './pagination.js';
import type { Users } from './users.js';

/** IAM quotas, "Signing certificates assigned to an IAM user". */
const MAX_PER_USER = 2;

const noSuchCertificate = (id: string) =>
  new AwsError('NoSuchEntity', `The Certificate with id ${id} cannot be found.`);

const toWire = (c: SigningCertificateRecord): Iam.SigningCertificate => ({
  UserName: c.userName,
  CertificateId: c.id,
  CertificateBody: c.body,
  Status: c.status,
  UploadDate: c.createDate,
});

/** Parses the PEM body; MalformedCertificate when it is not one certificate or has expired. */
function parseCertificate(body: string, now: Date): X509Certificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(body);
  } catch {
    throw new AwsError(
      'MalformedCertificate',
      'Unable to parse certificate. Please ensure the certificate is in PEM format.',
    );
  }
  if (new Date(certificate.validTo).getTime() < now.getTime()) {
    throw new AwsError('MalformedCertificate', 'The certificate has expired.');
  }
  return certificate;
}

/** Signing certificate use cases. */
export class SigningCertificates {
  readonly #deps: IamDeps;
  readonly #users: Users;

  constructor(deps: IamDeps, users: Users) {
    this.#deps = deps;
    this.#users = users;
  }

  async #owned(caller: AccountCaller, userName: string | undefined, id: string): Promise<SigningCertificateRecord> {
    const user = await credentialOwner(this.#users, caller, userName);
    const found = await this.#deps.store.getUserCredential(caller.accountId, id);
    if (found?.kind !== 'signing-certificate' || found.userName.toLowerCase() !== user.userName.toLowerCase()) {
      throw noSuchCertificate(id);
    }
    return found;
  }

  /** [UploadSigningCertificate](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSigningCertificate.html) */
  async upload(
    caller: AccountCaller,
    input: Iam.UploadSigningCertificateRequest,
  ): Promise<Iam.UploadSigningCertificateResponse> {
    const user = await credentialOwner(this.#users, caller, input.UserName);
    const now = this.#deps.clock.now();
    const fingerprint = parseCertificate(input.CertificateBody, now).fingerprint256;
    const store = this.#deps.store;
    const all = await store.listUserCredentials(caller.accountId, 'signing-certificate');
    if (all.some((c) => c.kind === 'signing-certificate' && c.fingerprint === fingerprint)) {
      throw new AwsError('DuplicateCertificate');
    }
    const folded = user.userName.toLowerCase();
    if (all.filter((c) => c.userName.toLowerCase() === folded).length >= MAX_PER_USER) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for CertificatesPerUser: ${MAX_PER_USER}`);
    }
    const certificate: SigningCertificateRecord = {
      kind: 'signing-certificate',
      accountId: caller.accountId,
      userName: user.userName,
      // AWS certificate ids are 24 or more upper-case letters and digits.
      id: encodeBase32(this.#deps.random.bytes(20)).slice(0, 32),
      status: 'Active',
      createDate: now,
      body: input.CertificateBody,
      fingerprint,
    };
    if (!(await store.createUserCredential(certificate))) throw new AwsError('ConcurrentModification');
    this.#deps.tracker.bump();
    return { Certificate: toWire(certificate) };
  }

  /** [ListSigningCertificates](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSigningCertificates.html) */
  async list(
    caller: AccountCaller,
    input: Iam.ListSigningCertificatesRequest,
  ): Promise<Iam.ListSigningCertificatesResponse> {
    const user = await credentialOwner(this.#users, caller, input.UserName);
    const all = await this.#deps.store.listUserCredentials(caller.accountId, 'signing-certificate', user.userName);
    const page = paginateByIndex(all, input.Marker, input.MaxItems);
    return {
      Certificates: page.items.flatMap((c) => (c.kind === 'signing-certificate' ? [toWire(c)] : [])),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  }

  /** [UpdateSigningCertificate](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateSigningCertificate.html) */
  async update(caller: AccountCaller, input: Iam.UpdateSigningCertificateRequest): Promise<void> {
    const status = credentialStatus(input.Status);
    const certificate = await this.#owned(caller, input.UserName, input.CertificateId);
    if (!(await this.#deps.store.updateUserCredential({ ...certificate, status }))) {
      throw noSuchCertificate(input.CertificateId);
    }
    this.#deps.tracker.bump();
  }

  /** [DeleteSigningCertificate](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteSigningCertificate.html) */
  async delete(caller: AccountCaller, input: Iam.DeleteSigningCertificateRequest): Promise<void> {
    const certificate = await this.#owned(caller, input.UserName, input.CertificateId);
    if (!(await this.#deps.store.deleteUserCredential(caller.accountId, certificate.id))) {
      throw noSuchCertificate(input.CertificateId);
    }
    this.#deps.tracker.bump();
  }
}

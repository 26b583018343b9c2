/**
 * @module test/storage-contract/contract
 * The one storage contract every adapter passes (ARCHITECTURE.md §2, "one suite run on memory, SQLite and
 * PostgreSQL"). An adapter's test file calls {@link defineStorageContract} with a factory that returns fresh,
 * empty stores; each test gets its own.
 */

import { afterEach, beforeEach, describe } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { accountCases } from './accounts-cases.js';
import { auditCases } from './audit-cases.js';
import { blobCases } from './blob-cases.js';
import { iamCredentialCases } from './iam-credential-cases.js';
import { iamGroupCases } from './iam-group-cases.js';
import { iamIdentityCases } from './iam-identity-cases.js';
import { iamMfaCases } from './iam-mfa-cases.js';
import { iamPolicyCases } from './iam-policy-cases.js';
import { iamProfileCases } from './iam-profile-cases.js';
import { iamProviderCases } from './iam-provider-cases.js';
import { iamVersionCases } from './iam-version-cases.js';
import { s3AccountCases } from './s3-account-cases.js';
import { s3BucketCases } from './s3-bucket-cases.js';
import { s3ListingCases } from './s3-listing-cases.js';
import { s3UploadCases } from './s3-upload-cases.js';
import { s3VersionCases } from './s3-version-cases.js';

/** Gives a test the stores opened for it. */
export type StoresGetter = () => Stores;

/**
 * Defines the contract suite for one adapter.
 *
 * @example
 * defineStorageContract('memory', async () => createMemoryStores());
 */
export function defineStorageContract(name: string, open: () => Promise<Stores>): void {
  describe(`storage contract: ${name}`, () => {
    let stores: Stores | undefined;
    beforeEach(async () => {
      stores = await open();
    });
    afterEach(async () => {
      await stores?.close();
      stores = undefined;
    });
    const get: StoresGetter = () => {
      if (stores === undefined) throw new Error('stores are not open');
      return stores;
    };
    accountCases(get);
    iamIdentityCases(get);
    iamGroupCases(get);
    iamPolicyCases(get);
    iamVersionCases(get);
    iamProfileCases(get);
    iamMfaCases(get);
    iamCredentialCases(get);
    iamProviderCases(get);
    s3BucketCases(get);
    s3ListingCases(get);
    s3UploadCases(get);
    s3VersionCases(get);
    s3AccountCases(get);
    blobCases(get);
    auditCases(get);
  });
}

/**
 * @module storage/memory/memory-stores
 * The memory adapter: every port in plain maps. It is the reference the SQL adapters are checked against
 * (`test/storage-contract/`), and the storage of `iamd serve --storage memory` (nothing survives a restart).
 */

import type { Stores } from '../../core/ports.js';
import { createAwsManagedPolicyCatalog } from '../aws-managed/index.js';
import { createMemoryBlobStore } from '../blobs/index.js';
import { createMemoryAccountStore } from './memory-account-store.js';
import { createMemoryAuditStore } from './memory-audit-store.js';
import { createMemoryEc2Store } from './memory-ec2-store.js';
import { createMemoryIamStore } from './memory-iam-store.js';
import { createMemoryS3Store } from './memory-s3-store.js';

/**
 * Creates empty in-memory stores (blob store included).
 *
 * @example
 * const stores = createMemoryStores();
 * await stores.accounts.createAccount({ accountId: '000000000000', createDate: clock.now() });
 */
export function createMemoryStores(): Stores {
  return {
    accounts: createMemoryAccountStore(),
    iam: createMemoryIamStore(),
    s3: createMemoryS3Store(),
    ec2: createMemoryEc2Store(),
    blobs: createMemoryBlobStore(),
    audit: createMemoryAuditStore(),
    awsManagedPolicies: createAwsManagedPolicyCatalog(),
    close: async () => {},
  };
}

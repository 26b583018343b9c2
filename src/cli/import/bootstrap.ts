/**
 * @module cli/import/bootstrap
 * The declarative start-up file (`IAMD_BOOTSTRAP`): the JSON of `get-account-authorization-details` (users, groups,
 * roles, policies, instance profiles — see core/iam/import-details.ts) plus `Buckets` (`[{ "Name", "Policy"? }]`),
 * applied to the default account every time iamd starts. Applying it is idempotent: what exists is kept, policies
 * and attachments converge on the file, buckets that exist are left alone (their policy is set when given).
 */

import { readFile } from 'node:fs/promises';
import type { DetailsDocument, ImportReport } from '../../core/iam/index.js';
import type { Services } from '../../core/services.js';

/** The bootstrap file's format. */
export interface BootstrapDocument extends DetailsDocument {
  readonly Buckets?: readonly { readonly Name: string; readonly Policy?: unknown }[];
}

/**
 * Reads `file` and applies it to `accountId`; returns what the IAM part created and the buckets created.
 *
 * @example
 * await applyBootstrap(app.services, config.bootstrap, config.accountId);
 */
export async function applyBootstrap(
  services: Services,
  file: string,
  accountId: string,
): Promise<{ iam: ImportReport; buckets: number }> {
  const document = JSON.parse(await readFile(file, 'utf8')) as BootstrapDocument;
  const iam = await services.iam.importer.apply(accountId, document);
  let buckets = 0;
  for (const bucket of document.Buckets ?? []) {
    const { owner } = await services.bucketPolicies.authInfo(bucket.Name);
    if (owner === undefined) {
      await services.s3.createBucket(accountId, { Bucket: bucket.Name });
      buckets += 1;
    } else if (owner !== accountId) {
      throw new Error(`Bucket ${bucket.Name} belongs to account ${owner}`);
    }
    if (bucket.Policy !== undefined) {
      const policy = typeof bucket.Policy === 'string' ? bucket.Policy : JSON.stringify(bucket.Policy);
      await services.bucketPolicies.put({ Bucket: bucket.Name, Policy: policy });
    }
  }
  return { iam, buckets };
}

/**
 * @module operations/s3
 * The S3 operations iamd serves, each authorized with its real action and resource (Service Authorization
 * Reference for Amazon S3). One file per family; this one assembles the table.
 */

import { type AnyOperation, operationTable } from './define-operation.js';
import { bucketOperations } from './s3-bucket-ops.js';
import { configOperations } from './s3-config-ops.js';
import { multipartOperations } from './s3-multipart-ops.js';
import { objectOperations } from './s3-object-ops.js';
import { withPublicAccessBlock } from './s3-common.js';

/** Every S3 operation iamd serves, by name; every authorization is subject to RestrictPublicBuckets. */
export const s3Operations = operationTable(
  ([...bucketOperations, ...objectOperations, ...multipartOperations, ...configOperations] as AnyOperation[]).map(
    withPublicAccessBlock,
  ),
);

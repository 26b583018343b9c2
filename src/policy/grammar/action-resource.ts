/**
 * @module policy/grammar/action-resource
 * Validation of Action/NotAction and Resource/NotResource strings (IAM-SEMANTICS.md §4.16, "Action strings",
 * "Resource strings"). Actions are `*` or `vendor:action` with one colon; action names take letters, digits,
 * `_`, `-` and the wildcards, so entries with commas, spaces or an empty name (tricky case 28) are rejected
 * rather than silently matching nothing. Resources are `*` or an ARN of at least six fields with a real
 * partition and a literal service; IAM ARNs never name a region, nor do S3 bucket and object ARNs.
 */

import { splitArn } from '../arn-fields.js';
import {
  fail,
  iamRegion,
  invalidPartition,
  s3Region,
  invalidVendor,
  LEGACY,
  ONE_COLON,
  RESOURCE_VENDOR,
  resourceFormat,
  VENDOR_PREFIX,
} from './messages.js';

const VENDOR = /^[A-Za-z0-9-]+$/;
const ACTION_NAME = /^[A-Za-z0-9_*?-]+$/;
/**
 * S3 resource types whose ARNs carry a region (access points, batch jobs, Storage Lens, Access Grants, …: Service
 * Authorization Reference, "Amazon S3", resource types); buckets and objects never do.
 */
const S3_REGIONAL = /^(?:accesspoint|job|storage-lens|storage-lens-group|access-grants|async-request)\//;
/** `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, …, or a wildcard pattern. */
const PARTITION = /^(?:aws(?:-[a-z]+)*|[a-z*?-]*[*?][a-z*?-]*)$/;

/**
 * Throws AWS's message when `action` is not a valid action string.
 * @example
 * checkAction('s3:Get:Object'); // throws "Actions/Condition can contain only one colon."
 */
export function checkAction(action: string): void {
  if (action === '*') return;
  const parts = action.split(':');
  if (parts.length === 1) fail(VENDOR_PREFIX);
  if (parts.length > 2) fail(ONE_COLON);
  const [vendor, name] = parts as [string, string];
  if (!VENDOR.test(vendor)) fail(invalidVendor(vendor));
  if (!ACTION_NAME.test(name)) fail(LEGACY);
}

/**
 * Throws AWS's message when `resource` is not `*` or a well-formed ARN pattern.
 * @example
 * checkResource('arn:aws:*:::x'); // throws "Resource vendor must be fully qualified and cannot contain regexes."
 */
export function checkResource(resource: string): void {
  if (resource === '*') return;
  const fields = splitArn(resource);
  if (fields === undefined) fail(resourceFormat(resource));
  const [, partition, service, region, , field] = fields;
  if (!PARTITION.test(partition)) fail(invalidPartition(partition, resource));
  if (service === '' || /[*?]/.test(service)) fail(RESOURCE_VENDOR);
  if (service === 'iam' && region !== '') fail(iamRegion(resource));
  // A wildcard region (`arn:aws:s3:*:*:bucket`) is accepted: it also matches the empty region (tricky case 24).
  if (service === 's3' && region !== '' && !/[*?]/.test(region) && !S3_REGIONAL.test(field)) fail(s3Region(resource));
}

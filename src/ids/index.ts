/**
 * @module ids
 * Minting of AWS-shaped identifiers: access key IDs that encode their account, IAM unique IDs, secret access keys
 * and opaque S3 ids (upload and version ids). Pure: randomness is passed in by the caller.
 */
export type { AccessKeyPrefix } from './access-key-id.js';
export { accountFromAccessKeyId, mintAccessKeyId } from './access-key-id.js';
export { decodeBase32, encodeBase32 } from './base32.js';
export { mintOpaqueId } from './opaque-id.js';
export { mintSecretAccessKey } from './secret-access-key.js';
export { timeOrderedUuid, timeOrderedUuids } from './time-ordered-uuid.js';
export type { UniqueIdPrefix } from './unique-id.js';
export { mintUniqueId } from './unique-id.js';

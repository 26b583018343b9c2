/**
 * @module core/s3
 * The S3 domain.
 */
export {
  AccountPublicAccess,
  effectivePublicAccessBlock,
  type PublicAccessBlockInput,
  strictest,
} from './account-public-access.js';
export { isValidBucketName, s3Arn } from './bucket-names.js';
export { checkAclsDisabled } from './bucket-acls.js';
export { BucketConfig } from './bucket-config.js';
export { type BucketAuthInfo, BucketPolicies } from './bucket-policies.js';
export { parseCopySource } from './copy-source.js';
export { type MultipartDeps, MultipartService } from './multipart-service.js';
export { type ObjectDeps, ObjectService } from './object-service.js';
export { sweepOrphanBodies } from './orphan-bodies.js';
export { existingTagKeys, parseTaggingHeader, requestTagKeys } from './object-tags.js';
export { isPublicPolicy, withoutAllows } from './public-policy.js';
export { type S3Deps, S3Service, type UploadIntegrity } from './s3-service.js';

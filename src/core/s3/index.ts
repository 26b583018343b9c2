/**
 * @module core/s3
 * The S3 domain.
 */
export { isValidBucketName, s3Arn } from './bucket-names.js';
export { type BucketAuthInfo, BucketPolicies } from './bucket-policies.js';
export { type S3Deps, S3Service, type UploadIntegrity } from './s3-service.js';

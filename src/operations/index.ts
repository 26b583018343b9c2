/**
 * @module operations
 * The operation tables of every service iamd serves.
 */
export { accountCaller, accountOf } from './account-of.js';
export {
  type AnyOperation,
  type Authorization,
  type AuthMode,
  defineOperation,
  type Operation,
  type OperationContext,
  type ServiceName,
} from './define-operation.js';
export { cloudTrailOperations } from './cloudtrail.js';
export { ec2Operations } from './ec2.js';
export { iamOperations } from './iam.js';
export { s3Operations } from './s3.js';
export { type PutAccountPublicAccessBlockInput, type S3ControlInput, s3ControlOperations } from './s3-control.js';
export { stsOperations } from './sts.js';

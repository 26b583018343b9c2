/**
 * @module core/audit/classify
 * What CloudTrail says about an operation by its kind: its `eventSource`, whether it is `readOnly`, whether it is a
 * data event (S3 object-level calls: CloudTrail User Guide, "Logging data events"), and the resource type of an ARN.
 */

import { parseArn } from '../../arn/index.js';

/** `eventSource` of each service iamd serves. */
export function eventSourceOf(service: string): string {
  return `${service}.amazonaws.com`;
}

/** Read-only STS calls: they change no resource (CloudTrail marks them `readOnly: true`). */
const READ_ONLY_STS = new Set([
  'GetCallerIdentity',
  'GetAccessKeyInfo',
  'DecodeAuthorizationMessage',
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetSessionToken',
  'GetFederationToken',
]);

/**
 * Whether CloudTrail marks the call `readOnly`: Get, List, Describe, Head, Lookup and Simulate calls, and the STS
 * calls that only read or mint credentials.
 *
 * @example
 * isReadOnly('iam', 'GetRole'); // true
 */
export function isReadOnly(service: string, operation: string): boolean {
  if (service === 'sts') return READ_ONLY_STS.has(operation);
  return /^(?:Get|List|Describe|Head|Lookup|Simulate)/.test(operation);
}

/** STS calls whose responses CloudTrail records although they are read-only: they issue credentials. */
const ISSUING_STS = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetSessionToken',
  'GetFederationToken',
]);

/**
 * Whether the record carries `responseElements`: CloudTrail writes `null` for read-only calls, except for the STS
 * calls that issue credentials (their response names the new session).
 */
export function recordsResponse(service: string, operation: string): boolean {
  return !isReadOnly(service, operation) || (service === 'sts' && ISSUING_STS.has(operation));
}

/** S3 calls on objects (and listings of them) are data events; bucket configuration calls are management events. */
export function isDataEvent(service: string, operation: string): boolean {
  if (service !== 's3') return false;
  return /Object|MultipartUpload|^UploadPart|^ListParts$/.test(operation);
}

const IAM_TYPES: Readonly<Record<string, string>> = {
  role: 'AWS::IAM::Role',
  user: 'AWS::IAM::User',
  group: 'AWS::IAM::Group',
  policy: 'AWS::IAM::Policy',
  'instance-profile': 'AWS::IAM::InstanceProfile',
  mfa: 'AWS::IAM::MFADevice',
  'oidc-provider': 'AWS::IAM::OIDCProvider',
  'saml-provider': 'AWS::IAM::SAMLProvider',
};

/**
 * The CloudTrail resource type and the name LookupEvents matches (`ResourceName`) of an ARN, or `undefined` for
 * `*` and ARNs of no known type.
 *
 * @example
 * resourceOf('arn:aws:s3:::b/k'); // { type: 'AWS::S3::Object', name: 'b/k' }
 */
export function resourceOf(arn: string): { type: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const { service, resource: rest } = parsed;
  if (service === 's3') {
    return rest.includes('/') ? { type: 'AWS::S3::Object', name: rest } : { type: 'AWS::S3::Bucket', name: rest };
  }
  const slash = rest.indexOf('/');
  const kind = slash < 0 ? rest : rest.slice(0, slash);
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  if (service === 'iam') {
    const type = IAM_TYPES[kind];
    return type ? { type, name } : undefined;
  }
  if (service === 'sts' && kind === 'assumed-role') return { type: 'AWS::STS::AssumedRole', name };
  if (service === 'ec2' && kind === 'instance') return { type: 'AWS::EC2::Instance', name };
  if (service === 'ec2' && kind === 'security-group') return { type: 'AWS::EC2::SecurityGroup', name };
  return undefined;
}

/** The account an ARN names (empty for S3 and AWS managed resources). */
export function accountOfArn(arn: string): string | undefined {
  const account = parseArn(arn)?.account;
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

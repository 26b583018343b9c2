/**
 * @module http/imds/iam-documents
 * The `iam/` metadata tree (WIRE.md §4.1): `iam/info`, `iam/security-credentials/` (the role name) and
 * `…/<role>` (the credentials JSON with `Code: Success`), plus the `security-credentials-extended` variant that
 * current JS and Ruby SDKs try first and that adds `AccountId`. When EC2 may not assume the role, the documents
 * carry `Code: AssumeRoleUnauthorizedAccess` and the deny explanation instead of keys, with status 200 as EC2 does:
 * botocore treats a body without keys as "no credentials", and the JS SDK rejects it.
 */

import type { InstanceIam, InstanceMetadata } from '../../core/ec2/index.js';

/** A response of the IAM tree. */
export interface ImdsAnswer {
  readonly status: number;
  readonly body: string;
}

const seconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const json = (value: unknown): ImdsAnswer => ({ status: 200, body: JSON.stringify(value, null, 2) });
const text = (body: string): ImdsAnswer => ({ status: 200, body });

async function credentialsDocument(
  metadata: InstanceMetadata,
  iam: InstanceIam,
  roleName: string,
  extended: boolean,
): Promise<ImdsAnswer | undefined> {
  const role = iam.role;
  if (!role || role.roleName !== roleName) return undefined;
  const outcome = await metadata.credentials({ ...iam, role });
  if (outcome.kind === 'denied') {
    return json({
      Code: 'AssumeRoleUnauthorizedAccess',
      Message: outcome.message,
      LastUpdated: seconds(outcome.lastUpdated),
    });
  }
  const set = outcome.set;
  return json({
    Code: 'Success',
    LastUpdated: seconds(set.lastUpdated),
    Type: 'AWS-HMAC',
    AccessKeyId: set.accessKeyId,
    SecretAccessKey: set.secretAccessKey,
    Token: set.sessionToken,
    Expiration: seconds(set.expiration),
    ...(extended ? { AccountId: set.accountId } : {}),
  });
}

/**
 * Answers `meta-data/iam…` for an instance, or `undefined` (404) when the path does not exist — which is every
 * path when no profile is associated, as on EC2.
 *
 * @example
 * await iamDocument(metadata, 'i-0123456789abcdef0', 'iam/security-credentials/');
 * // { status: 200, body: 'ec2-s3-access-role' }
 */
export async function iamDocument(
  metadata: InstanceMetadata,
  instanceId: string,
  path: string,
): Promise<ImdsAnswer | undefined> {
  const iam = await metadata.iam(instanceId);
  if (!iam) return undefined;
  if (path === 'iam' || path === 'iam/') return text('info\nsecurity-credentials/');
  if (path === 'iam/info') {
    const role = iam.role;
    const outcome = role && (await metadata.credentials({ ...iam, role }));
    if (outcome?.kind === 'denied') {
      return json({
        Code: 'AssumeRoleUnauthorizedAccess',
        Message: outcome.message,
        LastUpdated: seconds(outcome.lastUpdated),
      });
    }
    return json({
      Code: 'Success',
      LastUpdated: seconds(outcome?.set.lastUpdated ?? iam.instance.launchTime),
      InstanceProfileArn: iam.profile.arn,
      InstanceProfileId: iam.profile.instanceProfileId,
    });
  }
  const match = /^iam\/security-credentials(-extended)?(?:\/(.*))?$/.exec(path);
  if (!match) return undefined;
  const extended = match[1] !== undefined;
  const roleName = match[2];
  if (roleName === undefined || roleName === '') return iam.role ? text(iam.role.roleName) : undefined;
  return credentialsDocument(metadata, iam, roleName, extended);
}

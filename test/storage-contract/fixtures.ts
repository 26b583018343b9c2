/**
 * @module test/storage-contract/fixtures
 * Record builders for the contract suite. Dates are fixed (no wall clock); every field, optional ones included,
 * is set so a round trip through a store proves nothing is dropped.
 */

import type {
  AccessKeyRecord,
  BucketRecord,
  GroupRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  MfaDeviceRecord,
  ObjectRecord,
  PolicyVersionRecord,
  PrincipalRef,
  RoleRecord,
  UserRecord,
} from '../../src/core/entities.js';

export const accountId = '111122223333';
export const otherAccountId = '444455556666';

/** A fixed instant, `seconds` after 2024-05-01T12:00:00.123Z. */
export function at(seconds: number): Date {
  return new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 123) + seconds * 1000);
}

export function user(userName: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    accountId,
    userName,
    userId: `AIDA${userName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')
      .padEnd(17, '0')}`,
    path: '/',
    arn: `arn:aws:iam::${overrides.accountId ?? accountId}:user/${userName}`,
    createDate: at(1),
    tags: [{ Key: 'team', Value: 'platform' }],
    permissionsBoundaryArn: `arn:aws:iam::${accountId}:policy/boundary`,
    ...overrides,
  };
}

export function group(groupName: string, overrides: Partial<GroupRecord> = {}): GroupRecord {
  return {
    accountId,
    groupName,
    groupId: `AGPA${groupName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')
      .padEnd(17, '0')}`,
    path: '/',
    arn: `arn:aws:iam::${overrides.accountId ?? accountId}:group/${groupName}`,
    createDate: at(1),
    ...overrides,
  };
}

export function role(roleName: string, overrides: Partial<RoleRecord> = {}): RoleRecord {
  return {
    accountId,
    roleName,
    roleId: `AROA${roleName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')
      .padEnd(17, '0')}`,
    path: '/',
    arn: `arn:aws:iam::${overrides.accountId ?? accountId}:role/${roleName}`,
    createDate: at(2),
    assumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    description: `role ${roleName}`,
    maxSessionDuration: 3600,
    tags: [{ Key: 'env', Value: 'dev' }],
    ...overrides,
  };
}

export function policy(policyName: string, overrides: Partial<ManagedPolicyRecord> = {}): ManagedPolicyRecord {
  const path = overrides.path ?? '/';
  return {
    accountId,
    policyName,
    policyId: `ANPA${policyName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')
      .padEnd(17, '0')}`,
    path,
    arn: `arn:aws:iam::${overrides.accountId ?? accountId}:policy${path}${policyName}`,
    defaultVersionId: 'v1',
    description: `policy ${policyName}`,
    createDate: at(3),
    updateDate: at(4),
    tags: [],
    ...overrides,
  };
}

export function version(policyArn: string, overrides: Partial<PolicyVersionRecord> = {}): PolicyVersionRecord {
  return {
    policyArn,
    versionId: 'v1',
    document: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos' }],
    }),
    createDate: at(3),
    ...overrides,
  };
}

export function profile(name: string, overrides: Partial<InstanceProfileRecord> = {}): InstanceProfileRecord {
  return {
    accountId,
    instanceProfileName: name,
    instanceProfileId: `AIPA${name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')
      .padEnd(17, '0')}`,
    path: '/',
    arn: `arn:aws:iam::${accountId}:instance-profile/${name}`,
    createDate: at(5),
    roleNames: [],
    tags: [{ Key: 'k', Value: 'v' }],
    ...overrides,
  };
}

export function principal(kind: PrincipalRef['kind'], name: string, account = accountId): PrincipalRef {
  return { accountId: account, kind, name };
}

export function accessKey(accessKeyId: string, overrides: Partial<AccessKeyRecord> = {}): AccessKeyRecord {
  return {
    accessKeyId,
    accountId,
    userName: 'alice',
    secretCiphertext: `sealed:${accessKeyId}`,
    status: 'Active',
    createDate: at(6),
    ...overrides,
  };
}

export function bucket(name: string, overrides: Partial<BucketRecord> = {}): BucketRecord {
  return { name, accountId, region: 'us-east-1', createDate: at(7), ...overrides };
}

export function object(bucketName: string, key: string, overrides: Partial<ObjectRecord> = {}): ObjectRecord {
  return {
    bucket: bucketName,
    key,
    blobId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    size: 11,
    etag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"',
    lastModified: at(8),
    contentType: 'text/plain',
    metadata: { author: 'alice', 'x-note': 'é' },
    checksums: { SHA256: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=' },
    ...overrides,
  };
}

export function mfaDevice(name: string, overrides: Partial<MfaDeviceRecord> = {}): MfaDeviceRecord {
  return {
    accountId,
    serialNumber: `arn:aws:iam::${overrides.accountId ?? accountId}:mfa/${name}`,
    name,
    path: '/',
    seedCiphertext: `sealed:${name}`,
    createDate: at(9),
    tags: [],
    ...overrides,
  };
}

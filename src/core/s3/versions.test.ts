import { describe, expect, it } from 'vitest';
import type { BucketRecord } from '../entities.js';
import { isAwsError } from '../errors.js';
import { checkVersionId, versionIdFor } from './versions.js';

const bucket = (versioning?: 'Enabled' | 'Suspended'): BucketRecord => ({
  name: 'b',
  accountId: '000000000000',
  region: 'us-east-1',
  createDate: new Date(0),
  ...(versioning ? { versioning } : {}),
});
let counter = 0;
const random = { bytes: (n: number) => Buffer.alloc(n, ++counter), uuid: () => 'u' };

describe('versionIdFor', () => {
  it('gives no id in a never-versioned bucket, `null` when suspended, a fresh opaque id when enabled', () => {
    expect(versionIdFor(bucket(), random)).toBeUndefined();
    expect(versionIdFor(bucket('Suspended'), random)).toBe('null');
    const first = versionIdFor(bucket('Enabled'), random);
    const second = versionIdFor(bucket('Enabled'), random);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second).not.toBe(first);
    expect(checkVersionId(first ?? '')).toBe(first);
  });

  it('never starts an id with "-", which the AWS CLI would read as an option after --version-id', () => {
    const id = versionIdFor(bucket('Enabled'), { bytes: (n: number) => Buffer.alloc(n, 0xf8), uuid: () => 'u' });
    expect(id).toMatch(/^A[A-Za-z0-9_-]{31}$/);
    expect(checkVersionId(id ?? '')).toBe(id);
  });
});

describe('checkVersionId', () => {
  it('accepts `null` and our ids, and refuses anything else as S3 does', () => {
    expect(checkVersionId('null')).toBe('null');
    for (const bad of ['', 'NULL', 'abc', 'x'.repeat(33), `${'x'.repeat(31)}/`]) {
      try {
        checkVersionId(bad);
        expect.unreachable(bad);
      } catch (error) {
        expect(isAwsError(error) && [error.code, error.message]).toEqual([
          'InvalidArgument',
          'Invalid version id specified',
        ]);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Caller } from '../authz/caller.js';
import type { AccessKeys } from './access-keys.js';
import { ACCESS_KEY_USE_INTERVAL_MS, AccessKeyUsage } from './access-key-usage.js';

describe('AccessKeyUsage', () => {
  it('writes a key’s use once per service and interval, and ignores temporary credentials', () => {
    const written: string[] = [];
    const keys = {
      markUsed: async (id: string, service: string) => void written.push(`${id}/${service}`),
    } as unknown as AccessKeys;
    let now = 0;
    const usage = new AccessKeyUsage(keys, { now: () => new Date(now) });
    const user = { kind: 'user', accessKeyId: 'AKIA1', accountId: '1' } as unknown as Caller;
    const session = { kind: 'assumed-role', accessKeyId: 'ASIA1', accountId: '1' } as unknown as Caller;
    usage.touch(user, 's3', 'us-east-1');
    usage.touch(user, 's3', 'us-east-1');
    usage.touch(user, 'iam', 'us-east-1');
    usage.touch(session, 's3', 'us-east-1');
    now = ACCESS_KEY_USE_INTERVAL_MS;
    usage.touch(user, 's3', 'us-east-1');
    expect(written).toEqual(['AKIA1/s3', 'AKIA1/iam', 'AKIA1/s3']);
  });
});

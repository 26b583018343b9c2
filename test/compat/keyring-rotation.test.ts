/**
 * Keyring rotation: new tokens use the new key, tokens sealed before keep working until they expire, and a key is
 * removed only once no token it sealed can still be valid — after which such a token is InvalidClientTokenId.
 */

import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
let t: TestApp;
const sts = (credentials: Credentials) =>
  new STSClient({
    endpoint: t.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    systemClockOffset: t.clock.offsetMs,
  });
const keyIdOf = (token: string) => Buffer.from(token, 'base64').subarray(1, 5).toString('hex');
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.app.close();
});

describe('keyring rotation', () => {
  it('seals new tokens with the new key and retires the old one only after its last token expired', async () => {
    const iam = new IAMClient({ endpoint: t.endpoint, region: 'us-east-1', credentials: t.root, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: 'rotator' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'rotator' }))).AccessKey!;
    const user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const mint = async () => {
      const c = (await sts(user).send(new GetSessionTokenCommand({ DurationSeconds: 129_600 }))).Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    };
    const before = await mint();
    const firstKey = t.app.services.keyring.active.keyId;
    expect(keyIdOf(before.sessionToken)).toBe(firstKey);

    const rotation = await t.app.services.keyring.rotate();
    expect(rotation.removed).toEqual([]);
    expect(t.app.services.keyring.active.keyId).toBe(rotation.created);
    const after = await mint();
    expect(keyIdOf(after.sessionToken)).toBe(rotation.created);
    await expect(sts(before).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();

    // 30 hours on: both 36-hour sessions still work, and the old key is still needed.
    t.clock.advance(30 * HOUR);
    await expect(sts(before).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    expect((await t.app.services.keyring.rotate()).removed).toEqual([]);

    // 38 hours after the first rotation: the first key's tokens have all expired, so it goes.
    t.clock.advance(8 * HOUR);
    await expect(sts(before).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
    expect((await t.app.services.keyring.rotate()).removed).toEqual([firstKey]);
    await expect(sts(before).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    expect(t.app.services.keyring.keyIds()).not.toContain(firstKey);
  });
});

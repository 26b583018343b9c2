import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { createAccount, credentialsProfile, listAccounts } from './accounts.js';
import { openData } from './open-data.js';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-accounts-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('iamd accounts', () => {
  it('creates accounts whose root keys a server on the same data dir accepts', async () => {
    const dir = dataDir();
    const data = await openData(loadConfig({ dataDir: dir }, {}));
    const created = await createAccount(data, '111122223333');
    expect(created.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    await expect(createAccount(data, '111122223333')).rejects.toThrow('already exists');
    await expect(createAccount(data, '12345')).rejects.toThrow('12 digits');
    const random = await createAccount(data);
    expect(random.accountId).toMatch(/^[1-9]\d{11}$/);
    expect((await listAccounts(data)).map((a) => a.accountId).sort()).toEqual(
      ['111122223333', random.accountId].sort(),
    );
    expect(credentialsProfile(created)).toContain(
      `[account-111122223333]\naws_access_key_id = ${created.accessKeyId}\n`,
    );
    await data.close();

    const app = await startApp({
      config: loadConfig({ dataDir: dir, port: 0, logLevel: 'silent' }, {}),
      logger: pino({ level: 'silent' }),
    });
    try {
      const sts = new STSClient({
        endpoint: app.url,
        region: 'us-east-1',
        credentials: { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey },
        maxAttempts: 1,
      });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect(identity).toMatchObject({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:root' });
    } finally {
      await app.close();
    }
  });

  it('refuses memory storage, which has nothing to open', async () => {
    await expect(openData(loadConfig({ storage: 'memory', dataDir: dataDir() }, {}))).rejects.toThrow('memory storage');
  });
});

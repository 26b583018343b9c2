/**
 * The storage contract on SQLite (a file and `:memory:`), plus what only a file can show: data survives closing and
 * reopening, migrations are not re-run, and the database runs in WAL mode.
 */

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/storage/index.js';
import { readAll } from './blob-cases.js';
import { defineStorageContract } from './contract.js';
import { accessKey, accountId, at, bucket, object, policy, principal, profile, role, version } from './fixtures.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-storage-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

defineStorageContract('sqlite file', async () => {
  const dir = tempDir();
  return openSqliteStores({ file: join(dir, 'db', 'iamd.db'), blobDir: join(dir, 'blobs') });
});

defineStorageContract('sqlite :memory:', async () => openSqliteStores({ file: ':memory:', blobDir: tempDir() }));

describe('sqlite file persistence', () => {
  it('keeps every kind of record across close and reopen', async () => {
    const dir = tempDir();
    const opts = { file: join(dir, 'iamd.db'), blobDir: join(dir, 'blobs') };
    const p = policy('S3Read');
    const first = await openSqliteStores(opts);
    await first.accounts.createAccount({ accountId, createDate: at(0) });
    await first.accounts.createAccessKey(accessKey('AKIAPERSIST000000001'));
    await first.accounts.saveSigningKey({ keyId: 'k1', materialCiphertext: 'm', createDate: at(1) });
    await first.iam.createRole(role('Persisted'));
    await first.iam.createPolicy(p, version(p.arn));
    await first.iam.attachPolicy(principal('role', 'Persisted'), p.arn);
    await first.iam.putInlinePolicy({ owner: principal('role', 'Persisted'), policyName: 'inline', document: '{}' });
    await first.iam.createInstanceProfile(profile('prof', { roleNames: ['Persisted'] }));
    await first.s3.createBucket(bucket('kept'));
    await first.s3.putObject(object('kept', '\u{1F600}'));
    const blob = await first.blobs.write(Readable.from([Buffer.from('body')]));
    await first.blobs.commit(blob.blobId);
    const counter = await first.iam.changeCounter();
    await first.close();
    await first.close();

    const second = await openSqliteStores(opts);
    try {
      expect(await second.accounts.getAccount(accountId)).toEqual({ accountId, createDate: at(0) });
      expect(await second.accounts.findAccessKey('AKIAPERSIST000000001')).toEqual(accessKey('AKIAPERSIST000000001'));
      expect(await second.accounts.listSigningKeys()).toHaveLength(1);
      expect(await second.iam.getRole(accountId, 'persisted')).toEqual(role('Persisted'));
      expect(await second.iam.getPolicyVersion(p.arn, 'v1')).toEqual(version(p.arn));
      expect(await second.iam.listAttachedPolicies(principal('role', 'Persisted'))).toEqual([p.arn]);
      expect(await second.iam.listInlinePolicies(principal('role', 'Persisted'))).toHaveLength(1);
      expect(await second.iam.listInstanceProfilesForRole(accountId, 'PERSISTED')).toEqual([
        profile('prof', { roleNames: ['Persisted'] }),
      ]);
      expect(await second.iam.changeCounter()).toBe(counter);
      expect(await second.s3.getObject('kept', '\u{1F600}')).toEqual(object('kept', '\u{1F600}'));
      expect((await readAll(second.blobs.read(blob.blobId))).toString()).toBe('body');
      expect(await second.iam.createRole(role('PERSISTED'))).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('creates the database in WAL mode and leaves no temporary blob behind', async () => {
    const dir = tempDir();
    const stores = await openSqliteStores({ file: join(dir, 'iamd.db'), blobDir: join(dir, 'blobs') });
    try {
      await stores.iam.createRole(role('r'));
      expect(existsSync(join(dir, 'iamd.db-wal'))).toBe(true);
      const { blobId } = await stores.blobs.write(Readable.from([Buffer.from('x')]));
      await stores.blobs.commit(blobId);
      expect(readdirSync(join(dir, 'blobs', 'tmp'))).toEqual([]);
    } finally {
      await stores.close();
    }
  });
});

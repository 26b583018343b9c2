/**
 * @module storage/sqlite/orphan-sweep.test
 * The start-up sweep of bodies no record references (core/s3/orphan-bodies) over the real embedded storage: SQLite
 * records and file blobs. A crafted orphan (a body committed, its record never written) goes; the bodies of an
 * object and of an in-progress part stay, and so do a body written after the cutoff, files the store did not name,
 * and temporary files (their own sweep owns them).
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../core/ports.js';
import { sweepOrphanBodies } from '../../core/s3/index.js';
import { openSqliteStores } from './open-sqlite-stores.js';

const dirs: string[] = [];
const opened: Stores[] = [];
afterEach(async () => {
  for (const stores of opened.splice(0)) await stores.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<{ stores: Stores; blobDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-orphans-'));
  dirs.push(dir);
  const blobDir = join(dir, 'objects');
  const stores = await openSqliteStores({ file: join(dir, 'iamd.db'), blobDir });
  opened.push(stores);
  return { stores, blobDir };
}

/** A committed body, its file's times set to `writtenAt`. */
async function body(stores: Stores, blobDir: string, writtenAt: Date): Promise<string> {
  const { blobId } = await stores.blobs.write(Readable.from([Buffer.from('bytes')]));
  await stores.blobs.commit(blobId);
  utimesSync(pathOf(blobDir, blobId), writtenAt, writtenAt);
  return blobId;
}

const pathOf = (blobDir: string, blobId: string) => join(blobDir, 'objects', blobId.slice(0, 2), blobId);
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe('sweepOrphanBodies over SQLite and file blobs', () => {
  it('deletes only the committed bodies that nothing references and that were written before the cutoff', async () => {
    const { stores, blobDir } = await open();
    await stores.s3.createBucket({ name: 'b', accountId: '000000000000', region: 'us-east-1', createDate: at(0) });
    const kept = await body(stores, blobDir, at(1));
    await stores.s3.putObject({
      bucket: 'b',
      key: 'k',
      blobId: kept,
      size: 5,
      etag: '"e"',
      lastModified: at(1),
      metadata: {},
      checksums: {},
    });
    const part = await body(stores, blobDir, at(2));
    await stores.s3.createUpload({
      uploadId: 'u',
      bucket: 'b',
      key: 'big',
      initiated: at(2),
      initiator: 'x',
      metadata: {},
    });
    await stores.s3.putPart({
      uploadId: 'u',
      partNumber: 1,
      blobId: part,
      size: 5,
      etag: '"e"',
      lastModified: at(2),
      checksums: {},
    });
    // The crash window: the body was renamed into place, its record never committed.
    const orphan = await body(stores, blobDir, at(3));
    const fresh = await body(stores, blobDir, at(100));
    const foreign = join(blobDir, 'objects', 'zz', 'notes.txt');
    mkdirSync(join(blobDir, 'objects', 'zz'), { recursive: true });
    writeFileSync(foreign, 'not a blob');
    utimesSync(foreign, at(0), at(0));
    mkdirSync(join(blobDir, 'tmp'), { recursive: true });
    const temporary = join(blobDir, 'tmp', '0f8fad5b-d9cb-469f-a165-70867728950e');
    writeFileSync(temporary, 'partial');
    utimesSync(temporary, at(0), at(0));

    expect(await sweepOrphanBodies(stores.s3, stores.blobs, at(50))).toBe(1);
    expect(existsSync(pathOf(blobDir, orphan))).toBe(false);
    for (const blobId of [kept, part, fresh]) expect(existsSync(pathOf(blobDir, blobId))).toBe(true);
    expect([existsSync(foreign), existsSync(temporary)]).toEqual([true, true]);
    expect(await sweepOrphanBodies(stores.s3, stores.blobs, at(50))).toBe(0);
    expect((await stores.s3.getObject('b', 'k'))?.blobId).toBe(kept);
  });

  it('does nothing on a fresh data directory', async () => {
    const { stores } = await open();
    expect(await sweepOrphanBodies(stores.s3, stores.blobs, at(50))).toBe(0);
  });
});

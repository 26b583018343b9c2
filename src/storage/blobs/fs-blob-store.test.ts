/**
 * @module storage/blobs/fs-blob-store.test
 * What only the filesystem store can show: the on-disk layout, lazy directories (made again if removed), nothing left
 * in tmp/ after an aborted upload, and a 20 MiB body that reaches the disk while it streams (never buffered whole).
 */

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isBlobId } from './blob-id.js';
import { createFsBlobStore } from './fs-blob-store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-blobs-'));
  dirs.push(dir);
  return join(dir, 'blobs');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function streamError(stream: Readable): Promise<NodeJS.ErrnoException> {
  return drain(stream).then(
    () => {
      throw new Error('expected the stream to fail');
    },
    (error: NodeJS.ErrnoException) => error,
  );
}

describe('createFsBlobStore', () => {
  it('creates nothing until the first write, then writes into tmp/ and commits into a 2-char fan-out', async () => {
    const dir = tempDir();
    const blobs = createFsBlobStore(dir);
    expect(existsSync(dir)).toBe(false);
    const { blobId } = await blobs.write(Readable.from([Buffer.from('hello')]));
    expect(readdirSync(join(dir, 'tmp'))).toEqual([blobId]);
    expect(existsSync(join(dir, 'objects'))).toBe(false);
    await blobs.commit(blobId);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(readFileSync(join(dir, 'objects', blobId.slice(0, 2), blobId), 'utf8')).toBe('hello');
    await blobs.discard(blobId);
    expect(existsSync(join(dir, 'objects', blobId.slice(0, 2), blobId))).toBe(false);
  });

  it('commits concurrent writes into one fan-out directory, so they share its fsyncs', async () => {
    const dir = tempDir();
    const blobs = createFsBlobStore(dir);
    const written = await Promise.all(
      Array.from({ length: 8 }, (_, i) => blobs.write(Readable.from([Buffer.from(`body ${i}`)]))),
    );
    await Promise.all(written.map(({ blobId }) => blobs.commit(blobId)));
    const fans = readdirSync(join(dir, 'objects'));
    expect(fans).toHaveLength(1);
    expect(readdirSync(join(dir, 'objects', fans[0]!)).sort()).toEqual(written.map((w) => w.blobId).sort());
    expect(written.every(({ blobId }) => isBlobId(blobId))).toBe(true);
  });

  it('removes an uncommitted file on discard', async () => {
    const dir = tempDir();
    const blobs = createFsBlobStore(dir);
    const { blobId } = await blobs.write(Readable.from([Buffer.from('draft')]));
    await blobs.discard(blobId);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('creates its directories again when they are removed behind its back', async () => {
    const dir = tempDir();
    const blobs = createFsBlobStore(dir);
    const first = await blobs.write(Readable.from([Buffer.from('one')]));
    await blobs.commit(first.blobId);
    rmSync(dir, { recursive: true, force: true });
    const second = await blobs.write(Readable.from([Buffer.from('two')]));
    await blobs.commit(second.blobId);
    expect(readFileSync(join(dir, 'objects', second.blobId.slice(0, 2), second.blobId), 'utf8')).toBe('two');
  });

  it('commits a blob another store instance wrote (a retried or restarted commit syncs it itself)', async () => {
    const dir = tempDir();
    const { blobId } = await createFsBlobStore(dir).write(Readable.from([Buffer.from('later')]));
    const restarted = createFsBlobStore(dir);
    await restarted.commit(blobId);
    await restarted.commit(blobId);
    expect(await drain(restarted.read(blobId))).toEqual(Buffer.from('later'));
    await restarted.discard(blobId);
    expect(existsSync(join(dir, 'objects', blobId.slice(0, 2), blobId))).toBe(false);
  });

  it('leaves nothing in tmp/ when the source stream fails', async () => {
    const dir = tempDir();
    const blobs = createFsBlobStore(dir);
    const source = Readable.from(
      (async function* () {
        yield Buffer.alloc(256 * 1024, 1);
        yield Buffer.alloc(256 * 1024, 2);
        throw new Error('connection reset');
      })(),
    );
    await expect(blobs.write(source)).rejects.toThrow('connection reset');
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'objects'))).toBe(false);
  });

  it('reports a missing blob and refuses ids that are not blob ids', async () => {
    const blobs = createFsBlobStore(tempDir());
    expect((await streamError(blobs.read('0f8fad5b-d9cb-469f-a165-70867728950e'))).code).toBe('ENOENT');
    expect((await streamError(blobs.read('../../etc/passwd'))).message).toBe('Invalid blob id');
    await expect(blobs.discard('../x')).rejects.toThrow('Invalid blob id');
    await expect(blobs.commit('0F8FAD5B-D9CB-469F-A165-70867728950E')).rejects.toThrow('Invalid blob id');
  });

  it('streams a 20 MiB body to disk while hashing it, without holding it in memory', async () => {
    const dir = tempDir();
    const blobs = createFsBlobStore(dir);
    const chunkSize = 64 * 1024;
    const chunks = 320;
    const md5 = createHash('md5');
    const sha256 = createHash('sha256');
    const lag: number[] = [];
    async function* generate() {
      for (let i = 0; i < chunks; i++) {
        const produced = i * chunkSize;
        if (i > 0 && i % 32 === 0) {
          // How far the bytes on disk trail what the source has produced so far.
          const [tmpFile] = readdirSync(join(dir, 'tmp'));
          lag.push(produced - statSync(join(dir, 'tmp', tmpFile ?? '')).size);
        }
        const chunk = Buffer.alloc(chunkSize, i % 251);
        chunk.writeUInt32BE(i, 0);
        md5.update(chunk);
        sha256.update(chunk);
        yield chunk;
      }
    }
    const written = await blobs.write(Readable.from(generate()));
    expect(written.size).toBe(chunks * chunkSize);
    expect(written.md5).toBe(md5.digest('hex'));
    expect(written.sha256).toBe(sha256.digest('hex'));
    expect(lag).toHaveLength(9);
    expect(Math.max(...lag)).toBeLessThanOrEqual(1024 * 1024);

    await blobs.commit(written.blobId);
    const readBack = createHash('sha256');
    let size = 0;
    for await (const chunk of blobs.read(written.blobId)) {
      readBack.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    expect(size).toBe(written.size);
    expect(readBack.digest('hex')).toBe(written.sha256);
  });

  it('sweeps temporary files a crash left behind, keeping recent ones and committed blobs', async () => {
    const dir = tempDir();
    const blobs = createFsBlobStore(dir);
    expect(await blobs.sweep?.(new Date())).toBe(0);
    const kept = await blobs.write(Readable.from([Buffer.from('committed')]));
    await blobs.commit(kept.blobId);
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    writeFileSync(join(dir, 'tmp', 'stale'), 'torn upload');
    writeFileSync(join(dir, 'tmp', 'fresh'), 'upload in progress');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, 'tmp', 'stale'), hourAgo, new Date(hourAgo.getTime() - 1000));
    expect(await blobs.sweep?.(new Date(hourAgo.getTime() + 1000))).toBe(1);
    expect(readdirSync(join(dir, 'tmp'))).toEqual(['fresh']);
    expect((await drain(blobs.read(kept.blobId))).toString()).toBe('committed');
  });
});

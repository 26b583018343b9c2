/**
 * @module storage/blobs/fs-blob-store
 * Object bodies as files under a data directory (ARCHITECTURE.md §3 "blobs"): a write streams to `tmp/<id>` while
 * hashing, `commit` fsyncs the file and renames it into `objects/<first 2 chars of id>/<id>`, so a crash leaves
 * either nothing visible or a complete file. The fan-out keeps directories small. Bodies are never buffered whole.
 * A crash between the rename and the metadata commit leaves a complete file no record names; `listCommitted` lets the
 * start-up sweep (core/s3/orphan-bodies) find it.
 */

import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, BlobWrite } from '../../core/ports.js';
import { assertBlobId, assertRange, type ByteRange, isBlobId, newBlobId } from './blob-id.js';
import { createDigester } from './digest.js';
import { failedStream } from './failed-stream.js';

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The entries of a directory, none when it does not exist. */
async function namesIn(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Makes a rename durable: the new directory entry only survives a power loss once the directory is synced. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems refuse fsync on directories (EINVAL/EISDIR); the rename itself already happened.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * A {@link BlobStore} on the local filesystem. Directories are created on first use.
 *
 * @example
 * const blobs = createFsBlobStore('/var/lib/iamd/blobs');
 * const { blobId, md5 } = await blobs.write(request);
 * await blobs.commit(blobId);
 * blobs.read(blobId, { start: 0, end: 99 }).pipe(response);
 */
export function createFsBlobStore(dir: string): BlobStore {
  const tmpDir = join(dir, 'tmp');
  const tmpPath = (blobId: string): string => join(tmpDir, blobId);
  const objectPath = (blobId: string): string => join(dir, 'objects', blobId.slice(0, 2), blobId);

  async function write(body: Readable, options: { readonly sha256?: boolean } = {}): Promise<BlobWrite> {
    const blobId = newBlobId();
    const path = tmpPath(blobId);
    const digester = createDigester(options);
    try {
      await mkdir(tmpDir, { recursive: true });
      await pipeline(body, digester.stage, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { blobId, ...digester.result() };
  }

  async function commit(blobId: string): Promise<void> {
    assertBlobId(blobId);
    const from = tmpPath(blobId);
    const to = objectPath(blobId);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(from, 'r');
    } catch (error) {
      // A retried commit finds the blob already in place.
      if (isNotFound(error) && (await exists(to))) return;
      throw error;
    }
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
    await syncDirectory(dirname(to));
  }

  async function discard(blobId: string): Promise<void> {
    assertBlobId(blobId);
    await rm(tmpPath(blobId), { force: true });
    await rm(objectPath(blobId), { force: true });
  }

  function read(blobId: string, range?: ByteRange): Readable {
    try {
      assertBlobId(blobId);
      if (range) assertRange(range);
    } catch (error) {
      return failedStream(error as Error);
    }
    return createReadStream(objectPath(blobId), range ? { start: range.start, end: range.end } : {});
  }

  async function sweep(before: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(tmpDir, name);
      try {
        if ((await stat(path)).mtime < before) {
          await rm(path, { force: true });
          removed += 1;
        }
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return removed;
  }

  async function* listCommitted(before: Date): AsyncIterable<string> {
    const root = join(dir, 'objects');
    for (const fan of await namesIn(root)) {
      for (const name of await namesIn(join(root, fan))) {
        // Only files this store names (a UUID under its first two characters); anything else is not ours to judge.
        if (!isBlobId(name) || name.slice(0, 2) !== fan) continue;
        try {
          if ((await stat(join(root, fan, name))).mtime < before) yield name;
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    }
  }

  return { write, commit, discard, read, sweep, listCommitted };
}

/**
 * @module storage/blobs/fs-blob-store
 * Object bodies as files under a data directory (ARCHITECTURE.md §3 "blobs"): a write streams to `tmp/<id>` while
 * hashing (a body over 1 MiB is hashed by a worker thread reading the file back: hash-worker.ts), `commit` fsyncs the file and renames it into `objects/<first 2 chars of id>/<id>`, so a crash leaves
 * either nothing visible or a complete file. The fan-out keeps directories small. Bodies are never buffered whole.
 * A crash between the rename and the metadata commit leaves a complete file no record names; `listCommitted` lets the
 * start-up sweep (core/s3/orphan-bodies) find it.
 *
 * Each step is a trip through libuv's thread pool (four threads, shared with every other file operation), so a write
 * takes as few as it can: the file is fsynced through the handle it was written with (no reopening to sync), the
 * directories are created once per store rather than per write, and a discarded blob is unlinked directly. Commits
 * into one directory share its fsyncs (directory-sync.ts), and so that concurrent writes have a directory to share,
 * consecutive blobs go to the same fan-out directory, a new one picked at random every
 * `BLOBS_PER_DIRECTORY_RUN` blobs: over time the directories fill as evenly as with a random one per blob.
 */

import { type FileHandle, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, BlobWrite } from '../../core/ports.js';
import { assertBlobId, assertRange, type ByteRange, isBlobId, newBlobId } from './blob-id.js';
import { createDigester, type Digester, toBuffer } from './digest.js';
import { createDirectorySync } from './directory-sync.js';
import { createHashWorker } from './hash-worker.js';
import { failedStream } from './failed-stream.js';
import { FileBody } from './file-body.js';

/** Consecutive blobs written into one fan-out directory (see the module comment). */
const BLOBS_PER_DIRECTORY_RUN = 256;

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

/** Writes all of `buffers` at the handle's position, finishing any short write (write(2) may write less). */
async function writeAll(handle: FileHandle, buffers: readonly Buffer[]): Promise<void> {
  let pending = buffers.filter((buffer) => buffer.length > 0);
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending);
    const rest: Buffer[] = [];
    for (const buffer of pending) {
      if (bytesWritten >= buffer.length) bytesWritten -= buffer.length;
      else {
        rest.push(buffer.subarray(bytesWritten));
        bytesWritten = 0;
      }
    }
    pending = rest;
  }
}

/**
 * The sink of a write: measures each chunk and writes it through an open handle, which it leaves open so the file
 * can be fsynced through it before closing (`FileHandle.createWriteStream` with `autoClose: false` never finishes a
 * `pipeline`: it waits for a close). Measuring here rather than in a stage of its own spares every chunk a trip
 * through one more stream stage (an async generator) on the event loop.
 */
function blobWriter(handle: FileHandle, digester: Digester): Writable {
  let written = 0;
  const writeBatch = (buffers: Buffer[], done: (error?: Error | null) => void) => {
    for (const buffer of buffers) {
      digester.update(buffer);
      written += buffer.length;
    }
    const upTo = written;
    writeAll(handle, buffers).then(() => {
      digester.written(upTo);
      done();
    }, done);
  };
  return new Writable({
    // Up to 1 MiB queued while a write is under way, then written together by `writev`; with the default 16 KiB
    // every 64 KiB chunk would wait for the previous write.
    highWaterMark: 1024 * 1024,
    write(chunk: unknown, _encoding, done) {
      try {
        writeBatch([toBuffer(chunk)], done);
      } catch (error) {
        done(error as Error);
      }
    },
    writev(chunks, done) {
      try {
        writeBatch(
          chunks.map(({ chunk }) => toBuffer(chunk)),
          done,
        );
      } catch (error) {
        done(error as Error);
      }
    },
  });
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

  /** Directories known to exist; a directory removed behind the store's back is created again on ENOENT. */
  const made = new Map<string, Promise<unknown>>();
  const ensureDir = (path: string): Promise<unknown> => {
    let pending = made.get(path);
    if (!pending) {
      pending = mkdir(path, { recursive: true }).catch((error: unknown) => {
        made.delete(path);
        throw error;
      });
      made.set(path, pending);
    }
    return pending;
  };
  /** Runs `step`, and once more after re-creating `path` if the directory turned out to be missing. */
  async function inDir<T>(path: string, step: () => Promise<T>): Promise<T> {
    await ensureDir(path);
    try {
      return await step();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      made.delete(path);
      await ensureDir(path);
      return step();
    }
  }
  /** Large bodies are hashed off the event loop (hash-worker.ts); the thread starts with the first such body. */
  const hashWorker = createHashWorker();
  /** Temporary files already fsynced by `write`, so `commit` need not open them again. */
  const synced = new Set<string>();
  const syncDirectory = createDirectorySync();
  /** The fan-out directory of the blobs being written, and how many more go there. */
  let run = { prefix: '', left: 0 };
  const mintBlobId = (): string => {
    if (run.left === 0) run = { prefix: newBlobId().slice(0, 2), left: BLOBS_PER_DIRECTORY_RUN };
    run.left -= 1;
    return newBlobId(run.prefix);
  };

  async function unlinkIfPresent(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async function write(body: Readable, options: { readonly sha256?: boolean } = {}): Promise<BlobWrite> {
    const blobId = mintBlobId();
    const path = tmpPath(blobId);
    const digester = createDigester({ ...options, offload: { worker: hashWorker, path } });
    let handle: FileHandle | undefined;
    try {
      handle = await inDir(tmpDir, () => open(path, 'wx'));
      await pipeline(body, blobWriter(handle, digester));
      const [digests] = await Promise.all([digester.finish(), handle.sync()]);
      await handle.close();
      handle = undefined;
      synced.add(blobId);
      return { blobId, ...digests };
    } catch (error) {
      digester.abort();
      await handle?.close().catch(() => undefined);
      await rm(path, { force: true });
      throw error;
    }
  }

  async function commit(blobId: string): Promise<void> {
    assertBlobId(blobId);
    const from = tmpPath(blobId);
    const to = objectPath(blobId);
    if (!synced.delete(blobId)) {
      let handle: FileHandle;
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
    }
    try {
      await inDir(dirname(to), () => rename(from, to));
    } catch (error) {
      // A retried commit finds the blob already in place.
      if (isNotFound(error) && (await exists(to))) return;
      throw error;
    }
    await syncDirectory(dirname(to));
  }

  async function discard(blobId: string): Promise<void> {
    assertBlobId(blobId);
    // A blob written but not committed is in tmp/; any other (a replaced or deleted object's) is in objects/, or,
    // after a crash or a failed commit, possibly still in tmp/.
    if (synced.delete(blobId)) return unlinkIfPresent(tmpPath(blobId));
    try {
      await unlink(objectPath(blobId));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await unlinkIfPresent(tmpPath(blobId));
    }
  }

  function read(blobId: string, range?: ByteRange): Readable {
    try {
      assertBlobId(blobId);
      if (range) assertRange(range);
    } catch (error) {
      return failedStream(error as Error);
    }
    return new FileBody(objectPath(blobId), range);
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

  return { write, commit, discard, read, sweep, listCommitted, close: () => hashWorker.close() };
}

/**
 * @module storage/blobs/memory-blob-store
 * The in-memory {@link BlobStore} of the memory adapter, with the same contract as the filesystem one: a written
 * blob is invisible until committed, an aborted write keeps nothing, `discard` is idempotent, reads take inclusive
 * ranges. (Holding bodies in memory is the point of this adapter, so it keeps each blob as one buffer.)
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, BlobWrite } from '../../core/ports.js';
import { assertBlobId, assertRange, type ByteRange, newBlobId } from './blob-id.js';
import { createDigester } from './digest.js';
import { failedStream } from './failed-stream.js';

const readChunkSize = 64 * 1024;

function notFound(): Error {
  return Object.assign(new Error('Blob not found'), { code: 'ENOENT' });
}

function* slices(bytes: Buffer, start: number, end: number): Generator<Buffer> {
  for (let offset = start; offset < end; offset += readChunkSize) {
    yield bytes.subarray(offset, Math.min(end, offset + readChunkSize));
  }
}

/**
 * Creates an empty in-memory {@link BlobStore}.
 *
 * @example
 * const blobs = createMemoryBlobStore();
 * const { blobId } = await blobs.write(Readable.from([Buffer.from('hello')]));
 * await blobs.commit(blobId);
 */
export function createMemoryBlobStore(): BlobStore {
  const pending = new Map<string, Buffer>();
  const committed = new Map<string, Buffer>();

  async function write(body: Readable, options: { readonly sha256?: boolean } = {}): Promise<BlobWrite> {
    const digester = createDigester(options);
    const chunks: Buffer[] = [];
    await pipeline(body, digester.stage, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    });
    const blobId = newBlobId();
    pending.set(blobId, Buffer.concat(chunks));
    return { blobId, ...(await digester.finish()) };
  }

  async function commit(blobId: string): Promise<void> {
    assertBlobId(blobId);
    const bytes = pending.get(blobId);
    if (bytes === undefined) {
      if (committed.has(blobId)) return;
      throw notFound();
    }
    pending.delete(blobId);
    committed.set(blobId, bytes);
  }

  async function discard(blobId: string): Promise<void> {
    assertBlobId(blobId);
    pending.delete(blobId);
    committed.delete(blobId);
  }

  function read(blobId: string, range?: ByteRange): Readable {
    try {
      assertBlobId(blobId);
      if (range) assertRange(range);
    } catch (error) {
      return failedStream(error as Error);
    }
    const bytes = committed.get(blobId);
    if (bytes === undefined) return failedStream(notFound());
    const start = Math.min(range?.start ?? 0, bytes.length);
    const end = range ? Math.min(range.end + 1, bytes.length) : bytes.length;
    return Readable.from(slices(bytes, start, end));
  }

  return { write, commit, discard, read };
}

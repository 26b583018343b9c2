/**
 * @module test/storage-contract/blob-cases
 * BlobStore: measured writes, visibility only after commit, ranges, discard and aborted uploads.
 */

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StoresGetter } from './contract.js';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const hex = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');

/** Deterministic bytes: byte i is (i * 7 + 3) mod 251. */
function pattern(length: number, offset = 0): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = ((offset + i) * 7 + 3) % 251;
  return bytes;
}

/** A stream of `bytes` in chunks of `size` (several chunks prove the digests span chunk boundaries). */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

export function blobCases(stores: StoresGetter): void {
  describe('BlobStore', () => {
    it('measures what it writes and serves it only once committed', async () => {
      const { blobs } = stores();
      const body = pattern(1024 * 1024 + 17);
      const written = await blobs.write(chunked(body, 65_000));
      expect(written).toEqual({
        blobId: written.blobId,
        size: body.length,
        md5: hex('md5', body),
        sha256: hex('sha256', body),
      });
      await expect(readAll(blobs.read(written.blobId))).rejects.toThrow();
      await blobs.commit(written.blobId);
      expect((await readAll(blobs.read(written.blobId))).equals(body)).toBe(true);
    });

    it('hashes an empty body', async () => {
      const { blobs } = stores();
      const written = await blobs.write(Readable.from([]));
      expect(written.size).toBe(0);
      expect(written.md5).toBe('d41d8cd98f00b204e9800998ecf8427e');
      expect(written.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      await blobs.commit(written.blobId);
      expect((await readAll(blobs.read(written.blobId))).length).toBe(0);
    });

    it('reads inclusive byte ranges, clipped at the end', async () => {
      const { blobs } = stores();
      const body = pattern(300_000);
      const { blobId } = await blobs.write(chunked(body, 4096));
      await blobs.commit(blobId);
      const range = async (start: number, end: number) => readAll(blobs.read(blobId, { start, end }));
      expect((await range(0, 0)).equals(body.subarray(0, 1))).toBe(true);
      expect((await range(100, 199_999)).equals(body.subarray(100, 200_000))).toBe(true);
      expect((await range(299_990, 400_000)).equals(body.subarray(299_990))).toBe(true);
      await expect(range(10, 5)).rejects.toThrow();
    });

    it('gives each write its own id and keeps blobs apart', async () => {
      const { blobs } = stores();
      const a = await blobs.write(Readable.from([Buffer.from('first')]));
      const b = await blobs.write(Readable.from([Buffer.from('second')]));
      expect(a.blobId).not.toBe(b.blobId);
      await blobs.commit(a.blobId);
      await blobs.commit(b.blobId);
      expect((await readAll(blobs.read(a.blobId))).toString()).toBe('first');
      expect((await readAll(blobs.read(b.blobId))).toString()).toBe('second');
    });

    it('commits idempotently and refuses to commit an unknown blob', async () => {
      const { blobs } = stores();
      const { blobId } = await blobs.write(Readable.from([Buffer.from('x')]));
      await blobs.commit(blobId);
      await blobs.commit(blobId);
      expect((await readAll(blobs.read(blobId))).toString()).toBe('x');
      await expect(blobs.commit('00000000-0000-4000-8000-000000000000')).rejects.toThrow();
      await expect(blobs.commit('../../etc/passwd')).rejects.toThrow();
    });

    it('discards committed and uncommitted blobs, idempotently', async () => {
      const { blobs } = stores();
      const committed = await blobs.write(Readable.from([Buffer.from('keep?')]));
      await blobs.commit(committed.blobId);
      await blobs.discard(committed.blobId);
      await blobs.discard(committed.blobId);
      await expect(readAll(blobs.read(committed.blobId))).rejects.toThrow();

      const pending = await blobs.write(Readable.from([Buffer.from('never')]));
      await blobs.discard(pending.blobId);
      await expect(blobs.commit(pending.blobId)).rejects.toThrow();
      await expect(readAll(blobs.read(pending.blobId))).rejects.toThrow();
    });

    it('rejects a write whose source fails, keeping nothing', async () => {
      const { blobs } = stores();
      const failing = Readable.from(
        (async function* () {
          yield pattern(100_000);
          throw new Error('client went away');
        })(),
      );
      await expect(blobs.write(failing)).rejects.toThrow('client went away');
    });
  });
}

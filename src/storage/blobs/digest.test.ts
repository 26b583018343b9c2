/**
 * @module storage/blobs/digest.test
 * The digester accepts every chunk type a Readable may carry and passes the bytes through unchanged; with a hash
 * worker, a large body is hashed from the file it is written to, with the same digests.
 */

import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigester } from './digest.js';
import { createHashWorker, type HashWorker } from './hash-worker.js';

describe('createDigester', () => {
  it('measures Buffers, Uint8Arrays and strings alike and forwards the same bytes', async () => {
    const digester = createDigester();
    const seen: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        seen.push(chunk);
        done();
      },
    });
    const source = Readable.from([Buffer.from('ab'), new Uint8Array([99, 100]), 'é'], { objectMode: true });
    await pipeline(source, digester.stage, sink);
    const expected = Buffer.from('abcdé');
    expect(Buffer.concat(seen).equals(expected)).toBe(true);
    expect(await digester.finish()).toEqual({
      size: expected.length,
      md5: createHash('md5').update(expected).digest('hex'),
      sha256: createHash('sha256').update(expected).digest('hex'),
    });
    expect(await digester.finish()).toEqual(await digester.finish());
  });

  it('rejects non-byte chunks', async () => {
    const digester = createDigester();
    const source = Readable.from([{ not: 'bytes' }], { objectMode: true });
    await expect(pipeline(source, digester.stage, new Writable({ write: (_c, _e, done) => done() }))).rejects.toThrow(
      'Blob bodies must stream bytes',
    );
  });

  it('skips SHA-256 when asked, still measuring size and MD5', async () => {
    const digester = createDigester({ sha256: false });
    await pipeline(
      Readable.from([Buffer.from('hello')]),
      digester.stage,
      new Writable({ write: (_c, _e, done) => done() }),
    );
    expect(await digester.finish()).toEqual({ size: 5, md5: '5d41402abc4b2a76b9719d911017c592' });
  });
});

describe('createDigester with a hash worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-digest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  const body = (mib: number) => {
    const bytes = Buffer.alloc(mib * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
    return bytes;
  };
  const hex = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');
  /** Writes `bytes` to a new file the way the blob store does: each 64 KiB chunk measured, appended, reported. */
  const digestWritten = (worker: HashWorker, bytes: Buffer, sha256 = true) => {
    const path = join(dir, `body-${files++}`);
    writeFileSync(path, '');
    const digester = createDigester({ sha256, offload: { worker, path } });
    for (let offset = 0; offset < bytes.length; offset += 65536) {
      const chunk = bytes.subarray(offset, offset + 65536);
      digester.update(chunk);
      appendFileSync(path, chunk);
      digester.written(offset + chunk.length);
    }
    return { digester, path };
  };

  it('hashes a large body on the thread, from the file, and a small one here, with the same digests', async () => {
    const thread = createHashWorker();
    const started: string[][] = [];
    const worker: HashWorker = {
      ...thread,
      start(algorithms, path) {
        started.push([...algorithms]);
        return thread.start(algorithms, path);
      },
    };
    try {
      for (const bytes of [body(20), Buffer.from('small'), body(1)]) {
        const { digester } = digestWritten(worker, bytes);
        expect(await digester.finish()).toEqual({
          size: bytes.length,
          md5: hex('md5', bytes),
          sha256: hex('sha256', bytes),
        });
      }
      const large = body(3);
      expect(await digestWritten(worker, large, false).digester.finish()).toEqual({
        size: large.length,
        md5: hex('md5', large),
      });
      // Only the bodies over 1 MiB went to the thread.
      expect(started).toEqual([['md5', 'sha256'], ['md5']]);
    } finally {
      await thread.close();
    }
  });

  it('abandons the job of a body that fails half way, and hashes the next one', async () => {
    const worker = createHashWorker();
    try {
      const failed = digestWritten(worker, body(2)).digester;
      failed.abort();
      const next = body(2);
      expect((await digestWritten(worker, next).digester.finish()).md5).toBe(hex('md5', next));
    } finally {
      await worker.close();
    }
  });

  it('fails a body whose file holds fewer bytes than were measured, or is missing', async () => {
    const worker = createHashWorker();
    try {
      const path = join(dir, 'short');
      writeFileSync(path, 'cut short');
      const short = createDigester({ offload: { worker, path } });
      short.update(body(2));
      short.written(2 * 1024 * 1024);
      await expect(short.finish()).rejects.toThrow('the file ended early');
      const missing = createDigester({ offload: { worker, path: join(dir, 'no-such-file') } });
      missing.update(body(2));
      await expect(missing.finish()).rejects.toThrow(/ENOENT/);
      const next = body(2);
      expect((await digestWritten(worker, next).digester.finish()).md5).toBe(hex('md5', next));
    } finally {
      await worker.close();
    }
  });
});

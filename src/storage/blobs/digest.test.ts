/**
 * @module storage/blobs/digest.test
 * The digester accepts every chunk type a Readable may carry and passes the bytes through unchanged.
 */

import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createDigester } from './digest.js';
import { createHashWorker } from './hash-worker.js';

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
    expect(digester.result()).toEqual({
      size: expected.length,
      md5: createHash('md5').update(expected).digest('hex'),
      sha256: createHash('sha256').update(expected).digest('hex'),
    });
    expect(digester.result()).toEqual(digester.result());
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
    expect(digester.result()).toEqual({ size: 5, md5: '5d41402abc4b2a76b9719d911017c592' });
  });
});

describe('createDigester with a hash worker', () => {
  const body = (mib: number) => {
    const bytes = Buffer.alloc(mib * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32BE(i, i);
    return bytes;
  };
  const chunks = (bytes: Buffer) =>
    Readable.from(
      Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536)),
    );
  const sink = () =>
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    });
  const hex = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');

  it('hashes a large body on the thread (past its in-flight bound) and a small one here, with the same digests', async () => {
    const thread = createHashWorker();
    const started: string[][] = [];
    const worker = {
      ...thread,
      start(algorithms: readonly string[]) {
        started.push([...algorithms]);
        return thread.start(algorithms);
      },
    };
    try {
      for (const bytes of [body(20), Buffer.from('small'), body(1)]) {
        const digester = createDigester({ hashWorker: worker });
        await pipeline(chunks(bytes), digester.stage, sink());
        expect(digester.result()).toEqual({
          size: bytes.length,
          md5: hex('md5', bytes),
          sha256: hex('sha256', bytes),
        });
      }
      const unsigned = createDigester({ hashWorker: worker, sha256: false });
      const large = body(3);
      await pipeline(chunks(large), unsigned.stage, sink());
      expect(unsigned.result()).toEqual({ size: large.length, md5: hex('md5', large) });
      // Only the bodies over 1 MiB went to the thread.
      expect(started).toEqual([['md5', 'sha256'], ['md5']]);
    } finally {
      await thread.close();
    }
  });

  it('abandons the job of a body that fails half way, and hashes the next one', async () => {
    const worker = createHashWorker();
    try {
      const failing = Readable.from(
        (async function* () {
          yield body(2);
          throw new Error('client went away');
        })(),
      );
      await expect(pipeline(failing, createDigester({ hashWorker: worker }).stage, sink())).rejects.toThrow(
        'client went away',
      );
      const next = body(2);
      const digester = createDigester({ hashWorker: worker });
      await pipeline(chunks(next), digester.stage, sink());
      expect(digester.result().md5).toBe(hex('md5', next));
    } finally {
      await worker.close();
    }
  });
});

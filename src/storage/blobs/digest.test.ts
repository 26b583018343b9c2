/**
 * @module storage/blobs/digest.test
 * The digester accepts every chunk type a Readable may carry and passes the bytes through unchanged.
 */

import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createDigester } from './digest.js';

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

/**
 * @module storage/blobs/file-body.test
 * A file body reads the same bytes as a stream or sent, whole or a range, and sending reuses a buffer only after the
 * destination wrote it.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBody } from './file-body.js';

const dir = mkdtempSync(join(tmpdir(), 'iamd-file-body-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = Buffer.alloc(3 * 1024 * 1024 + 12345);
for (let i = 0; i + 4 <= bytes.length; i += 4) bytes.writeUInt32BE(i, i);
const path = join(dir, 'blob');
writeFileSync(path, bytes);

async function drain(body: FileBody): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A destination that copies each chunk only when it finishes writing it, one event-loop turn later. */
function slowSink() {
  const received: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      setImmediate(() => {
        received.push(Buffer.from(chunk));
        done();
      });
    },
  });
  return { sink, received: () => Buffer.concat(received) };
}

describe('FileBody', () => {
  it('streams the whole file or an inclusive range', async () => {
    expect((await drain(new FileBody(path))).equals(bytes)).toBe(true);
    expect((await drain(new FileBody(path, { start: 10, end: 70_000 }))).equals(bytes.subarray(10, 70_001))).toBe(true);
    expect((await drain(new FileBody(path, { start: 5, end: 5 }))).equals(bytes.subarray(5, 6))).toBe(true);
  });

  it('sends the same bytes, reusing a buffer only once the destination has written it', async () => {
    for (const range of [undefined, { start: 1, end: 2 * 1024 * 1024 }, { start: 100, end: bytes.length + 99 }]) {
      const { sink, received } = slowSink();
      await new FileBody(path, range).sendTo(sink);
      const expected = range ? bytes.subarray(range.start, range.end + 1) : bytes;
      expect(received().equals(expected)).toBe(true);
      expect(sink.writableFinished).toBe(true);
    }
  });

  it('fails a missing file either way', async () => {
    const missing = join(dir, 'missing');
    await expect(drain(new FileBody(missing))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(new FileBody(missing).sendTo(slowSink().sink)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops sending when the destination goes away', async () => {
    const sink = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        setImmediate(() => {
          sink.destroy();
          done();
        });
      },
    });
    const body = new FileBody(path);
    await expect(body.sendTo(sink)).rejects.toThrow(/closed/);
    expect(body.destroyed).toBe(true);
  });
});

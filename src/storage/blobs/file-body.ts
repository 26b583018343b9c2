/**
 * @module storage/blobs/file-body
 * A committed blob's bytes (or a range of them) as a stream, opened on first read, that can also send itself into a
 * destination reusing a few read buffers ({@link SendableBody}).
 *
 * Why reuse: a stream reads into a fresh buffer per chunk, so a 64 MiB GetObject allocates 64 MiB of buffers, which
 * V8 counts as external memory. Once that count outruns the frees the collector credits after each scavenge, V8 starts
 * a full mark-compact of the heap per 64 MiB allocated (bench/README.md "S3"): cheap for a bare server's few MiB of
 * heap, not for iamd's. `sendTo` hands each buffer to the destination and reads into it again only after the
 * destination's write callback said its bytes are written, so a large read allocates nothing per chunk.
 */

import { type FileHandle, open } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { SendableBody } from '../../core/ports.js';
import type { ByteRange } from './blob-id.js';

/** What `read()` consumers get per chunk (as `fs.createReadStream`). */
const STREAM_CHUNK = 64 * 1024;

/** The buffers `sendTo` reads into: larger, since they are allocated once per body rather than per chunk. */
const SEND_CHUNK = 256 * 1024;

const closedEarly = () => new Error('The destination closed before the body was sent');

/** Resolves once `destination` drained; rejects if it closed or failed first. */
function drained(destination: Writable): Promise<void> {
  if (destination.destroyed) return Promise.reject(closedEarly());
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      destination.off('drain', onDrain);
      destination.off('close', onClose);
      destination.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(closedEarly());
    destination.on('drain', onDrain);
    destination.on('close', onClose);
    destination.on('error', settle);
  });
}

/**
 * A blob body read from `path`: the whole file, or `range` (inclusive end).
 *
 * @example
 * const body = new FileBody('/data/objects/ab/ab12…', { start: 0, end: 99 });
 * await body.sendTo(response); // or body.pipe(response)
 */
export class FileBody extends Readable implements SendableBody {
  readonly #path: string;
  /** Where the next read starts. */
  #position: number;
  /** One past the last byte to read; undefined for the end of the file. */
  readonly #end: number | undefined;
  #opening: Promise<FileHandle> | undefined;

  constructor(path: string, range?: ByteRange) {
    super({ highWaterMark: STREAM_CHUNK });
    this.#path = path;
    this.#position = range?.start ?? 0;
    this.#end = range ? range.end + 1 : undefined;
  }

  #open(): Promise<FileHandle> {
    this.#opening ??= open(this.#path, 'r');
    return this.#opening;
  }

  /** Bytes left to read: Infinity when reading to the end of the file. */
  #remaining(): number {
    return this.#end === undefined ? Number.POSITIVE_INFINITY : Math.max(0, this.#end - this.#position);
  }

  /** Reads the next bytes into `buffer`; a view of what was read, or null at the end. */
  async #readInto(buffer: Buffer): Promise<Buffer | null> {
    const handle = await this.#open();
    const wanted = Math.min(buffer.length, this.#remaining());
    if (wanted <= 0) return null;
    const { bytesRead } = await handle.read(buffer, 0, wanted, this.#position);
    if (bytesRead === 0) return null;
    this.#position += bytesRead;
    return bytesRead < buffer.length ? buffer.subarray(0, bytesRead) : buffer;
  }

  override _read(size: number): void {
    this.#readInto(Buffer.allocUnsafeSlow(Math.max(1, Math.min(size, this.#remaining())))).then(
      (chunk) => this.push(chunk),
      (error: Error) => this.destroy(error),
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    const opening = this.#opening;
    if (!opening) {
      done(error);
      return;
    }
    // Closing waits for a read under way (FileHandle counts them), so the descriptor is never reused under it.
    opening
      .then(
        (handle) => handle.close(),
        () => undefined,
      )
      .then(
        () => done(error),
        (closeError: Error) => done(error ?? closeError),
      );
  }

  /**
   * Writes the body into `destination` and ends it, reading ahead one buffer while the last is being written. Use
   * instead of reading the stream, not as well.
   */
  async sendTo(destination: Writable): Promise<void> {
    const spare: Buffer[] = [];
    const readNext = async () => {
      if (this.#remaining() === 0) return null;
      // A small body gets a buffer its size, not SEND_CHUNK.
      const buffer = spare.pop() ?? Buffer.allocUnsafeSlow(Math.min(SEND_CHUNK, this.#remaining()));
      const chunk = await this.#readInto(buffer);
      return chunk && { buffer, chunk };
    };
    try {
      let next = readNext();
      for (let read = await next; read !== null; read = await next) {
        next = readNext();
        // If the loop ends early, whatever this read does is of no interest (the handle closes after it).
        next.catch(() => undefined);
        if (destination.destroyed) throw closedEarly();
        const { buffer, chunk } = read;
        // Reused only once the destination has written it (for a socket: handed every byte to the kernel).
        const room = destination.write(chunk, (error) => {
          if (!error) spare.push(buffer);
        });
        if (!room) await drained(destination);
      }
      destination.end();
      await finished(destination);
    } finally {
      this.destroy();
    }
  }
}

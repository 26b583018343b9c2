/**
 * @module storage/blobs/digest
 * Measures a body while it streams through: size, MD5 (the S3 ETag of a single-part upload) and SHA-256 (what
 * SigV4's `x-amz-content-sha256` and the `SHA256` checksum are checked against). Chunks pass through untouched.
 */

import { createHash } from 'node:crypto';
import type { HashWorker, HashJob } from './hash-worker.js';

/** Bodies larger than this are hashed on the hash worker (when there is one); smaller ones here, at the end. */
const OFFLOAD_BYTES = 1024 * 1024;

/** The digests of everything that went through a {@link Digester}. */
export interface Digests {
  readonly size: number;
  readonly md5: string;
  /** Absent when the digester was asked not to compute it. */
  readonly sha256?: string | undefined;
}

/** A pass-through stage for `stream.pipeline` plus the digests it measured once the stream ended. */
export interface Digester {
  readonly stage: (source: AsyncIterable<unknown>) => AsyncGenerator<Buffer>;
  result(): Digests;
}

/** Views a chunk as a Buffer without copying it (streams may carry plain Uint8Arrays or, in string mode, text). */
function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new TypeError('Blob bodies must stream bytes');
}

/** What a digester computes, and where. */
export interface DigesterOptions {
  /** `false` skips SHA-256. */
  readonly sha256?: boolean;
  /** Hashes bodies over 1 MiB on this thread instead of the event loop. */
  readonly hashWorker?: HashWorker | undefined;
}

/**
 * Creates a {@link Digester}. With a hash worker, the first MiB is held (by reference, it streams on at once) until
 * the body proves larger, then everything goes to the worker; a smaller body is hashed here once it ends.
 *
 * @example
 * const digester = createDigester();
 * await pipeline(body, digester.stage, createWriteStream(path));
 * digester.result(); // { size, md5, sha256 }
 */
export function createDigester(options: DigesterOptions = {}): Digester {
  const md5 = createHash('md5');
  // SHA-256 costs as much as the MD5 again; an unsigned upload without a SHA256 checksum never looks at it.
  const sha256 = options.sha256 === false ? undefined : createHash('sha256');
  const algorithms = sha256 ? ['md5', 'sha256'] : ['md5'];
  let size = 0;
  let digests: Digests | undefined;
  const hashHere = (bytes: Buffer) => {
    md5.update(bytes);
    sha256?.update(bytes);
  };
  return {
    async *stage(source) {
      const worker = options.hashWorker;
      let held: Buffer[] = [];
      let heldBytes = 0;
      let job: HashJob | undefined;
      let finished = false;
      try {
        for await (const chunk of source) {
          const bytes = toBuffer(chunk);
          size += bytes.length;
          if (job) {
            const wait = job.update(bytes);
            if (wait) await wait;
          } else if (!worker) {
            hashHere(bytes);
          } else {
            held.push(bytes);
            heldBytes += bytes.length;
            if (heldBytes > OFFLOAD_BYTES) {
              job = worker.start(algorithms);
              for (const early of held) await job.update(early);
              held = [];
            }
          }
          yield bytes;
        }
        if (job) {
          const [md5Hex = '', sha256Hex] = await job.finish();
          digests = { size, md5: md5Hex, ...(sha256Hex ? { sha256: sha256Hex } : {}) };
        } else {
          for (const early of held) hashHere(early);
        }
        finished = true;
      } finally {
        if (job && !finished) job.abort();
      }
    },
    result() {
      digests ??= { size, md5: md5.digest('hex'), ...(sha256 ? { sha256: sha256.digest('hex') } : {}) };
      return digests;
    },
  };
}

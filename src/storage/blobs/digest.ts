/**
 * @module storage/blobs/digest
 * Measures a body while it streams through: size, MD5 (the S3 ETag of a single-part upload) and SHA-256 (what
 * SigV4's `x-amz-content-sha256` and the `SHA256` checksum are checked against). Chunks pass through untouched.
 */

import { createHash } from 'node:crypto';
import type { HashJob, HashWorker } from './hash-worker.js';

/** Bodies larger than this are hashed on the hash worker (when there is one); smaller ones here, at the end. */
const OFFLOAD_BYTES = 1024 * 1024;

/** The digests of everything that went through a {@link Digester}. */
export interface Digests {
  readonly size: number;
  readonly md5: string;
  /** Absent when the digester was asked not to compute it. */
  readonly sha256?: string | undefined;
}

/** Measures a body piece by piece: `update` with each chunk, then `finish` (or `abort` when the body failed). */
export interface Digester {
  /** Measures the next bytes (held by reference, not copied, while the digester may still hand the body over). */
  update(bytes: Buffer): void;
  /** With `offload`: the body's first `bytes` bytes are in the file, where the hash worker may read them. */
  written(bytes: number): void;
  /** The digests of everything updated; once every updated byte is `written`. Repeated calls give the same. */
  finish(): Promise<Digests>;
  /** Gives up on a body that failed part way (ends its job on the hash worker). */
  abort(): void;
  /** A pass-through stage for `stream.pipeline` (without `offload`) that updates with every chunk. */
  readonly stage: (source: AsyncIterable<unknown>) => AsyncGenerator<Buffer>;
}

/** Views a chunk as a Buffer without copying it (streams may carry plain Uint8Arrays or, in string mode, text). */
export function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new TypeError('Blob bodies must stream bytes');
}

/** What a digester computes, and where. */
export interface DigesterOptions {
  /** `false` skips SHA-256. */
  readonly sha256?: boolean;
  /**
   * A body over 1 MiB is hashed by `worker` instead of the event loop, reading it back from `path` as far as
   * `written` reports.
   */
  readonly offload?: { readonly worker: HashWorker; readonly path: string } | undefined;
}

/**
 * Creates a {@link Digester}. With `offload`, the first MiB is held (by reference: the bytes are written on at once)
 * until the body proves larger, then the worker hashes the file from its start; a smaller body is hashed here once
 * it ends.
 *
 * @example
 * const digester = createDigester();
 * await pipeline(body, digester.stage, createWriteStream(path));
 * await digester.finish(); // { size, md5, sha256 }
 */
export function createDigester(options: DigesterOptions = {}): Digester {
  const md5 = createHash('md5');
  // SHA-256 costs as much as the MD5 again; an unsigned upload without a SHA256 checksum never looks at it.
  const sha256 = options.sha256 === false ? undefined : createHash('sha256');
  const { offload } = options;
  let size = 0;
  let written = 0;
  let held: Buffer[] = [];
  let job: HashJob | undefined;
  let digests: Promise<Digests> | undefined;
  const hashHere = (bytes: Buffer) => {
    md5.update(bytes);
    sha256?.update(bytes);
  };
  const digestsHere = async (): Promise<Digests> => {
    for (const bytes of held) hashHere(bytes);
    held = [];
    return { size, md5: md5.digest('hex'), ...(sha256 ? { sha256: sha256.digest('hex') } : {}) };
  };
  const digestsThere = async (started: HashJob): Promise<Digests> => {
    const [md5Hex = '', sha256Hex] = await started.finish(size);
    return { size, md5: md5Hex, ...(sha256Hex ? { sha256: sha256Hex } : {}) };
  };
  const digester: Digester = {
    update(bytes) {
      size += bytes.length;
      if (job) return;
      if (!offload) {
        hashHere(bytes);
        return;
      }
      held.push(bytes);
      if (size > OFFLOAD_BYTES) {
        job = offload.worker.start(sha256 ? ['md5', 'sha256'] : ['md5'], offload.path);
        held = [];
        if (written > 0) job.written(written);
      }
    },
    written(bytes) {
      written = bytes;
      job?.written(bytes);
    },
    finish() {
      digests ??= job ? digestsThere(job) : digestsHere();
      return digests;
    },
    abort() {
      held = [];
      job?.abort();
    },
    async *stage(source) {
      for await (const chunk of source) {
        const bytes = toBuffer(chunk);
        digester.update(bytes);
        yield bytes;
      }
    },
  };
  return digester;
}

/**
 * @module storage/blobs/digest
 * Measures a body while it streams through: size, MD5 (the S3 ETag of a single-part upload) and SHA-256 (what
 * SigV4's `x-amz-content-sha256` and the `SHA256` checksum are checked against). Chunks pass through untouched.
 */

import { createHash } from 'node:crypto';

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

/**
 * Creates a {@link Digester}.
 *
 * @example
 * const digester = createDigester();
 * await pipeline(body, digester.stage, createWriteStream(path));
 * digester.result(); // { size, md5, sha256 }
 */
export function createDigester(options: { readonly sha256?: boolean } = {}): Digester {
  const md5 = createHash('md5');
  // SHA-256 costs as much as the MD5 again; an unsigned upload without a SHA256 checksum never looks at it.
  const sha256 = options.sha256 === false ? undefined : createHash('sha256');
  let size = 0;
  let digests: Digests | undefined;
  return {
    async *stage(source) {
      for await (const chunk of source) {
        const bytes = toBuffer(chunk);
        md5.update(bytes);
        sha256?.update(bytes);
        size += bytes.length;
        yield bytes;
      }
    },
    result() {
      digests ??= { size, md5: md5.digest('hex'), ...(sha256 ? { sha256: sha256.digest('hex') } : {}) };
      return digests;
    },
  };
}

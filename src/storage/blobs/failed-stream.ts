/**
 * @module storage/blobs/failed-stream
 * `BlobStore.read` returns a stream synchronously, so bad input and missing blobs are reported as a stream error,
 * the same way a missing file surfaces from `fs.createReadStream`.
 */

import { Readable } from 'node:stream';

/** A readable that errors with `error` on first read. */
export function failedStream(error: Error): Readable {
  return new Readable({
    read() {
      this.destroy(error);
    },
  });
}

/**
 * @module http/read-body
 * Reads a whole request body into memory, for the small bodies of Query calls and S3 configuration requests.
 * Object uploads never come through here: they stream.
 */

import type { IncomingMessage } from 'node:http';
import { AwsError } from '../core/errors.js';

const tooLarge = (limit: number) => new AwsError('RequestEntityTooLarge', `The request body exceeds ${limit} bytes.`);

/**
 * Reads the body, failing with RequestEntityTooLarge past `limit` bytes. Uses events rather than an async
 * iterator: this runs on every Query request, and the iterator costs more than the bodies it reads.
 *
 * @example
 * const body = await readBody(req, 1024 * 1024);
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/**
 * @module http/read-body
 * Reads a whole request body into memory, for the small bodies of Query calls and S3 configuration requests.
 * Object uploads never come through here: they stream.
 */

import type { IncomingMessage } from 'node:http';
import { AwsError } from '../core/errors.js';

/**
 * Reads the body, failing with RequestEntityTooLarge past `limit` bytes.
 *
 * @example
 * const body = await readBody(req, 1024 * 1024);
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new AwsError('RequestEntityTooLarge', `The request body exceeds ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AwsError('RequestEntityTooLarge', `The request body exceeds ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

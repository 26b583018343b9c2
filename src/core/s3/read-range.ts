/**
 * @module core/s3/read-range
 * Which bytes a GetObject or HeadObject returns: the whole object, a `Range`, or part `partNumber` ("Effectively
 * performs a 'ranged' GET request for the part specified", GetObject API reference). Parts are the ones
 * CompleteMultipartUpload assembled; an object uploaded in one piece has exactly one part, the whole object, which
 * S3 still answers as a 206 range.
 */

import type { ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { type Range, parseRange } from './object-conditions.js';

const MAX_PART_NUMBER = 10_000;

/**
 * The byte range to read, or undefined for the whole object (200). Throws InvalidPartNumber (416) for a part the
 * object does not have, and InvalidRequest for both a Range and a part number.
 *
 * @example
 * readRange({ ...object, size: 8, partSizes: [5, 3] }, undefined, 2); // { start: 5, end: 7 }
 */
export function readRange(
  object: ObjectRecord,
  rangeHeader: string | undefined,
  partNumber: number | undefined,
): Range | undefined {
  if (partNumber === undefined) return parseRange(rangeHeader, object.size);
  if (rangeHeader !== undefined) {
    throw new AwsError('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
  }
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
  }
  // A multipart object completed before part sizes were recorded cannot say where its parts are.
  const sizes = object.partSizes ?? (object.partsCount === undefined ? [object.size] : []);
  const size = sizes[partNumber - 1];
  if (size === undefined) throw new AwsError('InvalidPartNumber');
  if (size === 0) return undefined;
  const start = sizes.slice(0, partNumber - 1).reduce((sum, part) => sum + part, 0);
  return { start, end: start + size - 1 };
}

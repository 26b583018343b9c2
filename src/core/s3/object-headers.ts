/**
 * @module core/s3/object-headers
 * What S3 stores with an object besides its bytes, and how GetObject/HeadObject return it: Content-Type and the
 * other content headers, user metadata (`x-amz-meta-*`, at most 2 KB: "Working with object metadata"), tags (as a
 * count), part count, checksums. `aws-chunked` is a transfer coding of the upload, never stored (WIRE.md §5.3).
 */

import type { ObjectContentHeaders, ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { checksumOutput } from './checksums.js';

/** The content-header members of PutObject, CopyObject and CreateMultipartUpload input. */
export interface ContentHeaderInput {
  readonly CacheControl?: string | undefined;
  readonly ContentDisposition?: string | undefined;
  readonly ContentEncoding?: string | undefined;
  readonly ContentLanguage?: string | undefined;
  readonly Expires?: Date | undefined;
  readonly Metadata?: Readonly<Record<string, string>> | undefined;
}

const MAX_METADATA_BYTES = 2 * 1024;
const MAX_KEY_BYTES = 1024;

/** Refuses keys longer than S3's 1,024 bytes (KeyTooLongError). */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new AwsError('KeyTooLongError');
}

/** The user metadata of a write, checked against S3's 2 KB limit (names and values, UTF-8). */
export function metadataOf(input: ContentHeaderInput): Readonly<Record<string, string>> {
  const metadata = input.Metadata ?? {};
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  if (bytes > MAX_METADATA_BYTES) throw new AwsError('MetadataTooLarge');
  return metadata;
}

/** The content headers of a write, `aws-chunked` removed from Content-Encoding; undefined when none. */
export function contentHeadersOf(input: ContentHeaderInput): ObjectContentHeaders | undefined {
  const encoding = input.ContentEncoding?.split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding.toLowerCase() !== 'aws-chunked')
    .join(', ');
  const headers: Record<string, string> = {};
  if (input.CacheControl !== undefined) headers['CacheControl'] = input.CacheControl;
  if (input.ContentDisposition !== undefined) headers['ContentDisposition'] = input.ContentDisposition;
  if (encoding) headers['ContentEncoding'] = encoding;
  if (input.ContentLanguage !== undefined) headers['ContentLanguage'] = input.ContentLanguage;
  if (input.Expires !== undefined) headers['Expires'] = input.Expires.toISOString();
  return Object.keys(headers).length === 0 ? undefined : headers;
}

/**
 * The headers GetObject and HeadObject share. Stored checksums only with `x-amz-checksum-mode: ENABLED`
 * (GetObject/HeadObject `ChecksumMode`), and never for a range: they describe the whole object.
 */
export function objectHeaders(object: ObjectRecord, checksumMode: string | undefined, ranged = false) {
  const h = object.headers ?? {};
  return {
    AcceptRanges: 'bytes',
    LastModified: object.lastModified,
    ContentLength: object.size,
    ETag: object.etag,
    ContentType: object.contentType ?? 'binary/octet-stream',
    CacheControl: h.CacheControl,
    ContentDisposition: h.ContentDisposition,
    ContentEncoding: h.ContentEncoding,
    ContentLanguage: h.ContentLanguage,
    Expires: h.Expires === undefined ? undefined : new Date(h.Expires),
    Metadata: object.metadata,
    TagCount: object.tags?.length || undefined,
    PartsCount: object.partsCount,
    ServerSideEncryption: 'AES256' as const,
    ...(checksumMode?.toUpperCase() === 'ENABLED' && !ranged ? checksumOutput(object.checksums) : {}),
  };
}

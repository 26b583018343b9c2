/**
 * @module core/s3/copy-source
 * The `x-amz-copy-source` header of CopyObject and UploadPartCopy: `bucket/key` or `/bucket/key`, URL-encoded,
 * optionally followed by `?versionId=…` (CopyObject API reference, "CopySource").
 */

import { AwsError } from '../errors.js';

/** A parsed copy source. */
export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
}

const INVALID = 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey';

/**
 * Parses a copy source.
 *
 * @example
 * parseCopySource('/photos/2024%2Fcat.jpg?versionId=null'); // { bucket: 'photos', key: '2024/cat.jpg', versionId: 'null' }
 */
export function parseCopySource(header: string): CopySource {
  const query = header.indexOf('?');
  const path = query < 0 ? header : header.slice(0, query);
  const versionId =
    query < 0 ? undefined : (new URLSearchParams(header.slice(query + 1)).get('versionId') ?? undefined);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new AwsError('InvalidArgument', INVALID);
  }
  const trimmed = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) throw new AwsError('InvalidArgument', INVALID);
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1), versionId };
}

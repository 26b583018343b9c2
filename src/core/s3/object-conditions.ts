/**
 * @module core/s3/object-conditions
 * Conditional requests and ranges on objects, as S3 evaluates them (GetObject/HeadObject "If-Match … If-Modified-Since",
 * RFC 9110 §13.2.2 precedence; PutObject `If-None-Match: *` and `If-Match`; GetObject `Range`, RFC 9110 §14.1.2).
 * Pure functions of the stored object and the request.
 */

import { AwsError } from '../errors.js';

/** The parts of an object a condition looks at. */
export interface ConditionTarget {
  readonly etag: string;
  readonly lastModified: Date;
  /** A delete marker: for a conditional write, the key has no object. */
  readonly deleteMarker?: boolean | undefined;
}

/** The conditional headers of a read (GetObject, HeadObject) or of a copy source. */
export interface ReadConditions {
  readonly IfMatch?: string | undefined;
  readonly IfNoneMatch?: string | undefined;
  readonly IfModifiedSince?: Date | undefined;
  readonly IfUnmodifiedSince?: Date | undefined;
}

const unquote = (tag: string): string =>
  tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');

/** Whether an `If-Match`/`If-None-Match` list (`"a", "b"` or `*`) names the object's ETag. */
export function etagMatches(list: string, etag: string): boolean {
  const wanted = unquote(etag);
  return list.split(',').some((item) => item.trim() === '*' || unquote(item) === wanted);
}

/** HTTP dates have whole seconds, stored times milliseconds: compare at the coarser grain. */
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Throws `PreconditionFailed` (412) or `NotModified` (304) as S3 answers a conditional read. If-Match wins over
 * If-Unmodified-Since, If-None-Match over If-Modified-Since. `copy` is the x-amz-copy-source-if-* form, where every
 * failure is a 412.
 *
 * @example
 * checkReadConditions(object, { IfNoneMatch: object.etag }); // throws NotModified
 */
export function checkReadConditions(object: ConditionTarget, c: ReadConditions, copy = false): void {
  // Errors are built only when thrown: capturing a stack on every read is measurable on the GetObject hot path.
  const failed = () => new AwsError('PreconditionFailed');
  const notModified = () => (copy ? failed() : new AwsError('NotModified'));
  if (c.IfMatch !== undefined) {
    if (!etagMatches(c.IfMatch, object.etag)) throw failed();
  } else if (c.IfUnmodifiedSince !== undefined && seconds(object.lastModified) > seconds(c.IfUnmodifiedSince)) {
    throw failed();
  }
  if (c.IfNoneMatch !== undefined) {
    if (etagMatches(c.IfNoneMatch, object.etag)) throw notModified();
  } else if (c.IfModifiedSince !== undefined && seconds(object.lastModified) <= seconds(c.IfModifiedSince)) {
    throw notModified();
  }
}

/** The `x-amz-copy-source-if-*` conditions of CopyObject and UploadPartCopy. */
export interface CopySourceConditions {
  readonly CopySourceIfMatch?: string | undefined;
  readonly CopySourceIfNoneMatch?: string | undefined;
  readonly CopySourceIfModifiedSince?: Date | undefined;
  readonly CopySourceIfUnmodifiedSince?: Date | undefined;
}

/**
 * Checks a copy's source against its `x-amz-copy-source-if-*` conditions: GetObject's rules, every failure a 412.
 *
 * @example
 * checkCopySourceConditions(source, input); // input of CopyObject or UploadPartCopy
 */
export function checkCopySourceConditions(object: ConditionTarget, input: CopySourceConditions): void {
  checkReadConditions(
    object,
    {
      IfMatch: input.CopySourceIfMatch,
      IfNoneMatch: input.CopySourceIfNoneMatch,
      IfModifiedSince: input.CopySourceIfModifiedSince,
      IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
    },
    true,
  );
}

/**
 * PutObject/CompleteMultipartUpload conditional writes: `If-None-Match: *` fails with 412 when the key exists,
 * `If-Match` with 404 NoSuchKey when it does not and 412 when the ETag differs (PutObject API reference).
 * S3 accepts only `*` for If-None-Match on writes. A current delete marker counts as no object ("Conditional
 * writes": the condition is checked against the current version).
 */
export function checkWriteConditions(
  current: ConditionTarget | undefined,
  c: { readonly IfMatch?: string | undefined; readonly IfNoneMatch?: string | undefined },
): void {
  const existing = current?.deleteMarker ? undefined : current;
  if (c.IfNoneMatch !== undefined) {
    if (c.IfNoneMatch.trim() !== '*') {
      throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented');
    }
    if (existing) throw new AwsError('PreconditionFailed');
  }
  if (c.IfMatch !== undefined) {
    if (!existing) throw new AwsError('NoSuchKey');
    if (!etagMatches(c.IfMatch, existing.etag)) throw new AwsError('PreconditionFailed');
  }
}

/** An inclusive byte range. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * The byte range a `Range` header asks of an object of `size` bytes. A header S3 cannot parse, or one with
 * several ranges, is ignored (the whole object, 200); a satisfiable-looking range past the end is `InvalidRange`
 * (416).
 *
 * @example
 * parseRange('bytes=0-99', 1000); // { start: 0, end: 99 }
 * parseRange('bytes=-10', 1000); // { start: 990, end: 999 }
 */
export function parseRange(header: string | undefined, size: number): Range | undefined {
  const match = header === undefined ? null : RANGE.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw new AwsError('InvalidRange');
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw new AwsError('InvalidRange');
  return { start, end };
}

import { describe, expect, it } from 'vitest';
import type { ObjectRecord } from '../entities.js';
import { isAwsError } from '../errors.js';
import { readRange } from './read-range.js';

const object = (overrides: Partial<ObjectRecord>): ObjectRecord => ({
  bucket: 'b',
  key: 'k',
  blobId: 'x',
  size: 10,
  etag: '"e"',
  lastModified: new Date(0),
  metadata: {},
  checksums: {},
  ...overrides,
});

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isAwsError(error) ? error.code : 'not an AwsError';
  }
  return undefined;
};

describe('readRange', () => {
  const multipart = object({ size: 13, partsCount: 3, partSizes: [5, 5, 3] });

  it('maps a part number to the bytes of that part', () => {
    expect(readRange(multipart, undefined, 1)).toEqual({ start: 0, end: 4 });
    expect(readRange(multipart, undefined, 2)).toEqual({ start: 5, end: 9 });
    expect(readRange(multipart, undefined, 3)).toEqual({ start: 10, end: 12 });
  });

  it('treats an object uploaded in one piece as its only part', () => {
    expect(readRange(object({}), undefined, 1)).toEqual({ start: 0, end: 9 });
    expect(codeOf(() => readRange(object({}), undefined, 2))).toBe('InvalidPartNumber');
    expect(readRange(object({ size: 0 }), undefined, 1)).toBeUndefined();
  });

  it('refuses parts past the last, out-of-range numbers, and a Range together with a part number', () => {
    expect(codeOf(() => readRange(multipart, undefined, 4))).toBe('InvalidPartNumber');
    expect(codeOf(() => readRange(multipart, undefined, 0))).toBe('InvalidArgument');
    expect(codeOf(() => readRange(multipart, undefined, 10_001))).toBe('InvalidArgument');
    expect(codeOf(() => readRange(multipart, 'bytes=0-1', 1))).toBe('InvalidRequest');
  });

  it('cannot place the parts of a multipart object completed before part sizes were recorded', () => {
    expect(codeOf(() => readRange(object({ partsCount: 2 }), undefined, 1))).toBe('InvalidPartNumber');
  });

  it('falls back to the Range header without a part number', () => {
    expect(readRange(multipart, 'bytes=2-3', undefined)).toEqual({ start: 2, end: 3 });
    expect(readRange(multipart, undefined, undefined)).toBeUndefined();
  });
});

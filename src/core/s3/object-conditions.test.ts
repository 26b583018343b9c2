import { describe, expect, it } from 'vitest';
import { isAwsError } from '../errors.js';
import { checkReadConditions, checkWriteConditions, etagMatches, parseRange } from './object-conditions.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return isAwsError(error) ? error.code : String(error);
  }
};

const object = { etag: '"abc"', lastModified: new Date('2026-01-01T00:00:00.900Z') };

describe('parseRange', () => {
  it.each([
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=2-5', { start: 2, end: 5 }],
    ['bytes=5-', { start: 5, end: 9 }],
    ['bytes=8-100', { start: 8, end: 9 }],
    ['bytes=-3', { start: 7, end: 9 }],
    ['bytes=-30', { start: 0, end: 9 }],
  ])('%s of 10 bytes', (header, range) => {
    expect(parseRange(header, 10)).toEqual(range);
  });

  it.each(['lines=1-2', 'bytes=1-2,4-5', 'bytes=-', 'bytes=5-2', 'bytes=a-b'])('ignores %s', (header) => {
    expect(parseRange(header, 10)).toBeUndefined();
  });

  it('refuses ranges that start past the end, and any range of an empty object', () => {
    expect(codeOf(() => parseRange('bytes=10-', 10))).toBe('InvalidRange');
    expect(codeOf(() => parseRange('bytes=-0', 10))).toBe('InvalidRange');
    expect(codeOf(() => parseRange('bytes=0-', 0))).toBe('InvalidRange');
  });
});

describe('conditions', () => {
  it('matches quoted, unquoted, weak, listed and wildcard ETags', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('abc', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"x"', '"abc"')).toBe(false);
  });

  it('compares dates to the second and applies RFC 9110 precedence', () => {
    const same = new Date('2026-01-01T00:00:00Z');
    expect(codeOf(() => checkReadConditions(object, { IfModifiedSince: same }))).toBe('NotModified');
    expect(codeOf(() => checkReadConditions(object, { IfUnmodifiedSince: same }))).toBeUndefined();
    const before = new Date('2025-12-31T23:59:59Z');
    expect(codeOf(() => checkReadConditions(object, { IfUnmodifiedSince: before }))).toBe('PreconditionFailed');
    expect(codeOf(() => checkReadConditions(object, { IfMatch: '"abc"', IfUnmodifiedSince: before }))).toBeUndefined();
    expect(codeOf(() => checkReadConditions(object, { IfNoneMatch: '"x"', IfModifiedSince: same }))).toBeUndefined();
    expect(codeOf(() => checkReadConditions(object, { IfNoneMatch: '"abc"' }, true))).toBe('PreconditionFailed');
  });

  it('applies write conditions', () => {
    expect(codeOf(() => checkWriteConditions(undefined, { IfNoneMatch: '*' }))).toBeUndefined();
    expect(codeOf(() => checkWriteConditions(object, { IfNoneMatch: '*' }))).toBe('PreconditionFailed');
    expect(codeOf(() => checkWriteConditions(object, { IfNoneMatch: '"abc"' }))).toBe('NotImplemented');
    expect(codeOf(() => checkWriteConditions(undefined, { IfMatch: '"abc"' }))).toBe('NoSuchKey');
    expect(codeOf(() => checkWriteConditions(object, { IfMatch: '"x"' }))).toBe('PreconditionFailed');
    expect(codeOf(() => checkWriteConditions(object, { IfMatch: '"abc"' }))).toBeUndefined();
  });
});

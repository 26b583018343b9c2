import { describe, expect, it } from 'vitest';
import { compileGlob, escapeGlob, globShape, matchEscapedGlob, matchesAt, matchGlob } from './glob.js';

describe('matchGlob', () => {
  it('matches literals exactly and case-sensitively by default', () => {
    expect(matchGlob('abc', 'abc')).toBe(true);
    expect(matchGlob('abc', 'ABC')).toBe(false);
    expect(matchGlob('abc', 'abcd')).toBe(false);
    expect(matchGlob('', '')).toBe(true);
  });

  it('folds case on request', () => {
    expect(matchGlob('s3:get*', 'S3:GetObject', true)).toBe(true);
    expect(matchGlob('S3:GETOBJECT', 's3:getobject', true)).toBe(true);
  });

  it('treats * as any run, including empty, slashes, colons and newlines', () => {
    expect(matchGlob('a*', 'a')).toBe(true);
    expect(matchGlob('*', '')).toBe(true);
    expect(matchGlob('bucket/*', 'bucket/x/y:z')).toBe(true);
    expect(matchGlob('bucket/*/end', 'bucket/line1\nline2/end')).toBe(true);
    expect(matchGlob('a*b*c', 'a\n\nb\nc')).toBe(true);
    expect(matchGlob('a*b*c', 'acb')).toBe(false);
  });

  it('treats ? as exactly one code point, newline and astral characters included', () => {
    expect(matchGlob('a?c', 'abc')).toBe(true);
    expect(matchGlob('a?c', 'ac')).toBe(false);
    expect(matchGlob('a?c', 'a\nc')).toBe(true);
    expect(matchGlob('a?c', 'a😀c')).toBe(true);
    expect(matchGlob('a??c', 'a😀c')).toBe(false);
  });

  it('has no regex metacharacters', () => {
    expect(matchGlob('a.b', 'axb')).toBe(false);
    expect(matchGlob('a.b', 'a.b')).toBe(true);
    expect(matchGlob('(x+)[y]$^{z}', '(x+)[y]$^{z}')).toBe(true);
    expect(matchGlob('a\\*', 'a\\bc')).toBe(true);
  });

  it('backtracks to the last star', () => {
    expect(matchGlob('*abc', 'ababc')).toBe(true);
    expect(matchGlob('a*bc*d', 'abcbcxd')).toBe(true);
    expect(matchGlob('a*bc*d', 'abcbcx')).toBe(false);
  });

  it('stays fast on patterns with many stars against long texts', () => {
    const pattern = `${'a*'.repeat(200)}b`;
    const text = 'a'.repeat(20_000);
    // A backtracking regex never finishes on this; the scanner does O(|p|·|t|) work at most, so the test
    // completes well inside the runner's timeout without reading a clock.
    expect(matchGlob(pattern, text)).toBe(false);
    expect(matchGlob(pattern, `${text}b`)).toBe(true);
    expect(matchGlob(`${'*a'.repeat(500)}*`, `${'ab'.repeat(5_000)}`)).toBe(true);
  });
});

describe('escaped globs', () => {
  it('reads \\* and \\? as literal characters', () => {
    expect(matchEscapedGlob('a\\*', 'a*')).toBe(true);
    expect(matchEscapedGlob('a\\*', 'ab')).toBe(false);
    expect(matchEscapedGlob('a\\?*', 'a?xyz')).toBe(true);
    expect(matchEscapedGlob('a\\\\b', 'a\\b')).toBe(true);
  });

  it('escapeGlob makes any text match only itself', () => {
    for (const text of ['a*b', '?', 'x\\*y', 'plain']) {
      expect(matchEscapedGlob(escapeGlob(text), text)).toBe(true);
      expect(matchEscapedGlob(escapeGlob(text), `${text}!`)).toBe(false);
    }
    expect(matchEscapedGlob(escapeGlob('a*'), 'abc')).toBe(false);
  });
});

describe('compileGlob', () => {
  const cases: [string, string, boolean][] = [
    ['*', 'anything', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['prefix/*', 'prefix/a/b', true],
    ['prefix/*', 'prefi', false],
    ['a*c', 'abbbc', true],
    ['a?c', 'abbc', false],
  ];
  const whole =
    (pattern: string, escaped = false) =>
    (text: string) =>
      compileGlob(pattern, escaped)(text, 0, text.length);
  it.each(cases)('compiled %s on %s agrees with matchGlob', (pattern, text, expected) => {
    expect(whole(pattern)(text)).toBe(expected);
    expect(matchGlob(pattern, text)).toBe(expected);
  });

  it('honours escapes in the fast paths', () => {
    expect(whole('a\\*', true)('a*')).toBe(true);
    expect(whole('a\\*', true)('ab')).toBe(false);
    expect(whole('a\\*b*', true)('a*bcd')).toBe(true);
    expect(whole('a\\*b*', true)('axbcd')).toBe(false);
    expect(whole('*\\?', true)('xx?')).toBe(true);
    expect(whole('*\\?', true)('xxy')).toBe(false);
    expect(whole('a\\\\*', true)('a\\bc')).toBe(true);
  });

  it('matches a range of the text in place', () => {
    const text = 'arn:aws:s3:::bucket/key';
    expect(compileGlob('bucket/*')(text, 13, text.length)).toBe(true);
    expect(compileGlob('*/key')(text, 13, text.length)).toBe(true);
    expect(compileGlob('aws')(text, 4, 7)).toBe(true);
    expect(compileGlob('aw')(text, 4, 7)).toBe(false);
    expect(compileGlob('a?s')(text, 4, 7)).toBe(true);
    expect(compileGlob('a*s')(text, 4, 6)).toBe(false);
  });
});

describe('globShape and matchesAt', () => {
  it('classifies patterns into the cheapest test', () => {
    expect(globShape('*')).toEqual({ kind: 'any' });
    expect(globShape('abc')).toEqual({ kind: 'literal', text: 'abc' });
    expect(globShape('ab*')).toEqual({ kind: 'prefix', text: 'ab' });
    expect(globShape('*bc')).toEqual({ kind: 'suffix', text: 'bc' });
    expect(globShape('a*c')).toEqual({ kind: 'scan' });
    expect(globShape('a?')).toEqual({ kind: 'scan' });
    expect(globShape('a\\*', true)).toEqual({ kind: 'literal', text: 'a*' });
    expect(globShape('\\**', true)).toEqual({ kind: 'prefix', text: '*' });
  });

  it('compares a literal in place, bounds included', () => {
    expect(matchesAt('arn:aws:s3:::b/k', 13, 'b/')).toBe(true);
    expect(matchesAt('arn:aws:s3:::b/k', 13, 'b/kk')).toBe(false);
    expect(matchesAt('abc', 3, '')).toBe(true);
    expect(matchesAt('abc', -1, 'a')).toBe(false);
  });
});

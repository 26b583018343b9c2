/**
 * @module storage/ordering.test
 * The orders are checked against their definitions: Buffer.compare of UTF-8 bytes, and `startsWith`.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUtf8, foldName, prefixUpperBound } from './ordering.js';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const sign = (n: number): number => Math.sign(n);
/** Full-range strings (astral and surrogate-adjacent code points included), always well-formed. */
const text = fc.string({ unit: 'grapheme-composite', maxLength: 8 });
const anyCodePoints = fc.string({ unit: 'binary', maxLength: 6 });

describe('compareUtf8', () => {
  it('agrees with comparing UTF-8 bytes', () => {
    fc.assert(
      fc.property(anyCodePoints, anyCodePoints, (a, b) => {
        expect(sign(compareUtf8(a, b))).toBe(sign(Buffer.compare(utf8(a), utf8(b))));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts astral characters after the top of the BMP, unlike JavaScript', () => {
    expect(compareUtf8('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFF21').toBe(true);
    expect(compareUtf8('ab', 'abc')).toBeLessThan(0);
    expect(compareUtf8('same', 'same')).toBe(0);
  });
});

describe('prefixUpperBound', () => {
  it('bounds exactly the strings that start with the prefix', () => {
    fc.assert(
      fc.property(anyCodePoints, anyCodePoints, text, (prefix, tail, other) => {
        const bound = prefixUpperBound(prefix);
        const head = Array.from(prefix).slice(0, -1).join('');
        const near = [prefix + tail, other, head + other, head + tail, (bound ?? '') + tail, head];
        for (const candidate of near) {
          const inRange =
            compareUtf8(candidate, prefix) >= 0 && (bound === undefined || compareUtf8(candidate, bound) < 0);
          expect(inRange).toBe(candidate.startsWith(prefix));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the edges: empty, U+10FFFF, and the surrogate gap', () => {
    expect(prefixUpperBound('')).toBeUndefined();
    expect(prefixUpperBound('\u{10FFFF}\u{10FFFF}')).toBeUndefined();
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('x\uD7FF')).toBe('x\uE000');
    expect(prefixUpperBound('photos/')).toBe('photos0');
    expect(prefixUpperBound('\u{1F600}')).toBe('\u{1F601}');
  });
});

describe('foldName', () => {
  it('folds case without locale rules', () => {
    expect(foldName('EC2-S3-Role')).toBe('ec2-s3-role');
    expect(foldName('I')).toBe('i');
  });
});

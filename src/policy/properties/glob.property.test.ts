/**
 * Property tests of the glob matcher against a slow, obviously correct reference: dynamic programming over code
 * points, where `*` matches any run (newlines included) and `?` exactly one code point.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, escapeGlob, matchEscapedGlob, matchGlob } from '../glob.js';

/** The reference: does `pattern` match all of `text`? O(|p|·|t|) table over code points. */
function reference(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  let row = new Array<boolean>(t.length + 1).fill(false);
  row[0] = true;
  for (const c of p) {
    const next = new Array<boolean>(t.length + 1).fill(false);
    if (c === '*') {
      let seen = false;
      for (let j = 0; j <= t.length; j++) {
        seen ||= row[j] as boolean;
        next[j] = seen;
      }
    } else {
      for (let j = 1; j <= t.length; j++) next[j] = (row[j - 1] as boolean) && (c === '?' || c === t[j - 1]);
    }
    row = next;
  }
  return row[t.length] as boolean;
}

const unit = fc.constantFrom('a', 'b', 'c', '/', ':', '\n', '.', 'é', '😀', '𝒜');
const patternUnit = fc.oneof(unit, fc.constantFrom('*', '?', '*', '?'));
const text = fc.string({ unit, maxLength: 40 });
const pattern = fc.string({ unit: patternUnit, maxLength: 16 });

/** A text the pattern should match: each `*` replaced by a run, each `?` by one code point. */
const matchingPair = pattern.chain((p) =>
  fc.array(fc.string({ unit, maxLength: 6 }), { minLength: p.length, maxLength: p.length }).chain((runs) =>
    fc.array(unit, { minLength: p.length, maxLength: p.length }).map((singles) => {
      const chars = [...p];
      const t = chars.map((c, i) => (c === '*' ? runs[i] : c === '?' ? singles[i] : c)).join('');
      return [p, t] as const;
    }),
  ),
);

describe('glob matcher: properties', () => {
  it('agrees with the reference on arbitrary patterns and texts', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(matchGlob(p, t)).toBe(reference(p, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches every text built from the pattern, and agrees with the reference when it is altered', () => {
    fc.assert(
      fc.property(matchingPair, unit, fc.nat(), ([p, t], extra, at) => {
        expect(matchGlob(p, t)).toBe(true);
        const chars = [...t];
        chars.splice(at % (chars.length + 1), 0, extra);
        const altered = chars.join('');
        expect(matchGlob(p, altered)).toBe(reference(p, altered));
      }),
      { numRuns: 2000 },
    );
  });

  it('compiled matchers agree with the reference on a range inside a longer text', () => {
    fc.assert(
      fc.property(pattern, text, text, text, (p, before, t, after) => {
        const whole = before + t + after;
        expect(compileGlob(p)(whole, before.length, before.length + t.length)).toBe(reference(p, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear-ish and correct on long patterns with many stars', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 300 }), fc.integer({ min: 500, max: 3000 }), (stars, length) => {
        const p = `${'a*'.repeat(stars)}b`;
        const t = 'a'.repeat(length);
        expect(matchGlob(p, t)).toBe(false);
        expect(matchGlob(p, `${t}b`)).toBe(length >= stars);
      }),
      { numRuns: 20 },
    );
  });

  it('escaped literal text matches only itself, whatever it contains', () => {
    fc.assert(
      fc.property(fc.string({ unit: patternUnit, maxLength: 20 }), text, (literal, other) => {
        expect(matchEscapedGlob(escapeGlob(literal), literal)).toBe(true);
        expect(matchEscapedGlob(escapeGlob(literal), other)).toBe(other === literal);
        expect(compileGlob(escapeGlob(literal), true)(other, 0, other.length)).toBe(other === literal);
      }),
      { numRuns: 1000 },
    );
  });
});

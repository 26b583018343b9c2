/**
 * @module policy/glob
 * The IAM wildcard matcher: `*` matches any run of characters (including none, including `\n`), `?` exactly one
 * code point (IAM-SEMANTICS.md §4.11, tricky case 11). Regexes are deliberately avoided: `.` does not match
 * newlines and nested `.*` backtracks catastrophically.
 *
 * The algorithm is the classic two-pointer scan that, on a mismatch, resumes after the most recent `*` one code
 * point further along the text. It never backtracks further than that, so the cost is O(|pattern|·|text|) in the
 * worst case and linear in practice; there is no exponential blow-up whatever the number of stars.
 *
 * Compiled matchers test a range `[from, to)` of the text, so the evaluator can match one ARN field in place
 * without slicing (no string allocation per decision).
 *
 * Policy variables substitute literal text into patterns (§4.14), so the engine also needs patterns in which some
 * `*`/`?` are literal: the "escaped" form writes them as `\*`, `\?` and `\\`. The public {@link matchGlob} has no
 * escapes, as in policy documents.
 */

const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;

/** A compiled pattern: tests `text` from `from` (inclusive) to `to` (exclusive). */
export type GlobMatcher = (text: string, from: number, to: number) => boolean;

/** Width in UTF-16 units of the code point at `i` (a lone surrogate counts as one). */
function width(text: string, i: number, to: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= to) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

function scan(pattern: string, text: string, escaped: boolean, from: number, to: number): boolean {
  const pl = pattern.length;
  let p = 0;
  let t = from;
  let starP = -1;
  let starT = 0;
  while (t < to) {
    if (p < pl) {
      let c = pattern.charCodeAt(p);
      if (c === STAR) {
        starP = ++p;
        starT = t;
        continue;
      }
      if (c === QUESTION) {
        p++;
        t += width(text, t, to);
        continue;
      }
      let step = 1;
      if (escaped && c === BACKSLASH && p + 1 < pl) {
        c = pattern.charCodeAt(p + 1);
        step = 2;
      }
      if (c === text.charCodeAt(t)) {
        p += step;
        t++;
        continue;
      }
    }
    if (starP < 0) return false;
    // Advancing by one code unit rather than one code point is equivalent for well-formed text (a `?` that
    // starts on a low surrogate consumes it alone) and agrees with the prefix/suffix fast paths for lone ones.
    starT++;
    t = starT;
    p = starP;
  }
  while (p < pl && pattern.charCodeAt(p) === STAR) p++;
  return p === pl;
}

/**
 * Tests `text` against an IAM wildcard pattern (`*`, `?`). Case-sensitive unless `caseInsensitive`, which
 * lower-cases both sides with the default Unicode mapping (AWS does not document its folding: §4.11 verify).
 * @example
 * matchGlob('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a\nb'); // true
 * matchGlob('s3:get*', 's3:GetObject', true); // true
 */
export function matchGlob(pattern: string, text: string, caseInsensitive = false): boolean {
  if (caseInsensitive) {
    const lower = text.toLowerCase();
    return scan(pattern.toLowerCase(), lower, false, 0, lower.length);
  }
  return scan(pattern, text, false, 0, text.length);
}

/** Like {@link matchGlob}, but `\*`, `\?` and `\\` in the pattern stand for the literal characters. */
export function matchEscapedGlob(pattern: string, text: string, from = 0, to = text.length): boolean {
  return scan(pattern, text, true, from, to);
}

/** Escapes the glob metacharacters of literal text for {@link matchEscapedGlob}. */
export function escapeGlob(text: string): string {
  return /[*?\\]/.test(text) ? text.replace(/[*?\\]/g, '\\$&') : text;
}

/** Turns an escaped pattern without wildcards back into its literal text. */
function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\([*?\\])/g, '$1');
}

/** Index of the first unescaped wildcard at or after `start`, or -1. */
function wildcardAt(pattern: string, escaped: boolean, start = 0): number {
  for (let i = start; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === STAR || c === QUESTION) return i;
    if (escaped && c === BACKSLASH) i++;
  }
  return -1;
}

/** True when `pattern` holds an unescaped `*` or `?`. */
export function hasWildcard(pattern: string, escaped = false): boolean {
  return wildcardAt(pattern, escaped) >= 0;
}

const always: GlobMatcher = () => true;

/**
 * True when `literal` occurs in `text` at `from`. Compares from the end: names in policies tend to share their
 * beginnings (`bucket-1…`, `arn:aws:s3:::`), so a mismatch shows up sooner, and for the short literals of
 * policies this beats `startsWith`, which V8 runs as a builtin call.
 * @example
 * matchesAt('arn:aws:s3:::bucket/key', 13, 'bucket/'); // true
 */
export function matchesAt(text: string, from: number, literal: string): boolean {
  const n = literal.length;
  if (from < 0 || text.length - from < n) return false;
  for (let i = n - 1; i >= 0; i--) if (text.charCodeAt(from + i) !== literal.charCodeAt(i)) return false;
  return true;
}

/** What a pattern reduces to: everything, one literal, a prefix or a suffix test, or the full scan. */
export type GlobShape =
  | { readonly kind: 'any' }
  | { readonly kind: 'literal' | 'prefix' | 'suffix'; readonly text: string }
  | { readonly kind: 'scan' };

/**
 * Classifies a pattern so callers can build the cheapest test, possibly fused with their own checks.
 * @example
 * globShape('photos/*'); // { kind: 'prefix', text: 'photos/' }
 */
export function globShape(pattern: string, escaped = false): GlobShape {
  if (pattern === '*') return { kind: 'any' };
  const first = wildcardAt(pattern, escaped);
  const literal = (text: string) => (escaped ? unescapeGlob(text) : text);
  if (first < 0) return { kind: 'literal', text: literal(pattern) };
  const last = pattern.length - 1;
  if (first === last && pattern.charCodeAt(last) === STAR)
    return { kind: 'prefix', text: literal(pattern.slice(0, -1)) };
  if (first === 0 && pattern.charCodeAt(0) === STAR && wildcardAt(pattern, escaped, 1) < 0) {
    return { kind: 'suffix', text: literal(pattern.slice(1)) };
  }
  return { kind: 'scan' };
}

/**
 * Compiles a pattern once into the cheapest equivalent test (see {@link globShape}).
 * @example
 * const m = compileGlob('photos/*'); m('photos/2024/a.jpg', 0, 17); // true
 */
export function compileGlob(pattern: string, escaped = false): GlobMatcher {
  const shape = globShape(pattern, escaped);
  switch (shape.kind) {
    case 'any':
      return always;
    case 'literal': {
      const { text: literal } = shape;
      const n = literal.length;
      return (text, from, to) => to - from === n && matchesAt(text, from, literal);
    }
    case 'prefix': {
      const { text: prefix } = shape;
      const n = prefix.length;
      return (text, from, to) => to - from >= n && matchesAt(text, from, prefix);
    }
    case 'suffix': {
      const { text: suffix } = shape;
      const n = suffix.length;
      return (text, from, to) => to - from >= n && matchesAt(text, to - n, suffix);
    }
    case 'scan':
      return (text, from, to) => scan(pattern, text, escaped, from, to);
  }
}

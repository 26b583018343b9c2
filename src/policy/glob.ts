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
 * Policy variables substitute literal text into patterns (§4.14), so the engine also needs patterns in which some
 * `*`/`?` are literal: the "escaped" form writes them as `\*`, `\?` and `\\`. The public {@link matchGlob} has no
 * escapes, as in policy documents.
 */

const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;

/** A compiled pattern: call it with the text to test. */
export type GlobMatcher = (text: string) => boolean;

/** Width in UTF-16 units of the code point at `i`. */
function width(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function scan(pattern: string, text: string, escaped: boolean): boolean {
  const pl = pattern.length;
  const tl = text.length;
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < tl) {
    if (p < pl) {
      let c = pattern.charCodeAt(p);
      if (c === STAR) {
        starP = ++p;
        starT = t;
        continue;
      }
      if (c === QUESTION) {
        p++;
        t += width(text, t);
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
    starT += width(text, starT);
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
  if (caseInsensitive) return scan(pattern.toLowerCase(), text.toLowerCase(), false);
  return scan(pattern, text, false);
}

/** Like {@link matchGlob}, but `\*`, `\?` and `\\` in the pattern stand for the literal characters. */
export function matchEscapedGlob(pattern: string, text: string): boolean {
  return scan(pattern, text, true);
}

/** Escapes the glob metacharacters of literal text for {@link matchEscapedGlob}. */
export function escapeGlob(text: string): string {
  return /[*?\\]/.test(text) ? text.replace(/[*?\\]/g, '\\$&') : text;
}

/** Turns an escaped pattern without wildcards back into its literal text. */
function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\([*?\\])/g, '$1');
}

function hasWildcard(pattern: string, escaped: boolean): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === STAR || c === QUESTION) return true;
    if (escaped && c === BACKSLASH) i++;
  }
  return false;
}

/**
 * Compiles a pattern once into the cheapest equivalent test: `*` → always, no wildcard → equality, a single
 * trailing `*` → prefix test, otherwise the scanner.
 * @example
 * const m = compileGlob('photos/*'); m('photos/2024/a.jpg'); // true
 */
export function compileGlob(pattern: string, escaped = false): GlobMatcher {
  if (pattern === '*') return () => true;
  if (!hasWildcard(pattern, escaped)) {
    const literal = escaped ? unescapeGlob(pattern) : pattern;
    return (text) => text === literal;
  }
  const head = pattern.slice(0, -1);
  if (pattern.endsWith('*') && !hasWildcard(head, escaped) && !(escaped && head.endsWith('\\'))) {
    const prefix = escaped ? unescapeGlob(head) : head;
    return (text) => text.startsWith(prefix);
  }
  return (text) => scan(pattern, text, escaped);
}

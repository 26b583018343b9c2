/**
 * @module protocols/java-pattern
 * AWS model `pattern` traits are Java regular expressions (Coral validates with `java.util.regex`, `matches()`
 * semantics: the whole value must match). This compiles them to equivalent JavaScript `u`-flag expressions.
 *
 * The one syntax difference that occurs in the IAM/STS/S3 models is identity escapes: Java accepts `\:` or `\@`
 * for any non-alphanumeric character, JavaScript's `u` mode only for syntax characters (`[\w+=,.@\:-]*` in the
 * STS model). Everything else (`\p{L}`, `\uXXXX`, `\w`, `\d`, look-ahead) has the same meaning in both.
 * Java reads `\u10000` as `\u1000` followed by `0`, and so does JavaScript: AWS STS really rejects characters
 * outside the BMP in `arnType` (observed against the live service), so that quirk is kept, not "fixed".
 */

/** Characters JavaScript allows after a backslash in `u` mode without changing their meaning. */
const JS_SYNTAX_ESCAPES = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/', '-']);

/**
 * Rewrites a Java pattern into JavaScript `u`-mode source (without anchors).
 *
 * @example
 * javaPatternSource('[\\w+=,.@\\:-]*'); // '[\\w+=,.@:-]*'
 */
export function javaPatternSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i] as string;
    if (ch !== '\\' || i + 1 >= pattern.length) {
      out += ch;
      continue;
    }
    const next = pattern[i + 1] as string;
    i += 1;
    out += /[A-Za-z0-9]/.test(next) || JS_SYNTAX_ESCAPES.has(next) ? `\\${next}` : next;
  }
  return out;
}

/**
 * Compiles a model pattern so that `test` has Java `matches()` semantics (anchored at both ends).
 *
 * @example
 * compileJavaPattern('[\\w+=,.@-]*').test('my-session'); // true
 */
export function compileJavaPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${javaPatternSource(pattern)})$`, 'u');
}

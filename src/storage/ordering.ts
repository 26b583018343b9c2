/**
 * @module storage/ordering
 * The two orders every storage adapter must agree on, so that memory, SQLite and PostgreSQL return identical lists:
 * - IAM names are folded with {@link foldName} (the stored lower-case column of the SQL tables) and lists are sorted
 *   by the folded name. IAM documents names as "not distinguished by case" (IAM User Guide, "IAM object quotas and
 *   naming requirements"); alphabetical listing is all its `List*` pages promise.
 * - S3 keys are sorted in UTF-8 byte order: "List results are always returned in UTF-8 binary order"
 *   (S3 API reference, ListObjectsV2). JavaScript compares strings by UTF-16 code unit, which disagrees for astral
 *   characters, so {@link compareUtf8} re-maps surrogates; SQL columns use a binary collation instead.
 */

/**
 * The case-folded form of an IAM name, used for uniqueness and lookups. Computed in JavaScript (not SQL `lower()`,
 * which only folds ASCII in SQLite) so every backend folds identically.
 *
 * @example
 * foldName('EC2-S3-Role'); // 'ec2-s3-role'
 */
export function foldName(name: string): string {
  return name.toLowerCase();
}

/**
 * Maps a UTF-16 code unit to a weight whose order equals the UTF-8 byte order of the characters: surrogates (which
 * only occur in astral characters, U+10000 and up) must sort after every BMP character, including U+E000–U+FFFF.
 */
function weight(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * Compares two strings in UTF-8 byte order (equivalently, Unicode code point order).
 *
 * @example
 * ['\u{1F600}', '\uFF21'].sort(compareUtf8); // ['\uFF21', '\u{1F600}'] — JS's default sort gives the reverse
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return weight(x) - weight(y);
  }
  return a.length - b.length;
}

const maxCodePoint = 0x10ffff;

/**
 * The smallest string greater (in UTF-8 byte order) than every string that starts with `prefix`, or `undefined`
 * when no such string exists (empty prefix, or one made only of U+10FFFF). Lets a `LIKE`-free range scan
 * `key >= prefix AND key < bound` use the primary-key index and stay exact for any characters.
 *
 * @example
 * prefixUpperBound('photos/'); // 'photos0'
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix, (ch) => ch.codePointAt(0) ?? 0);
  while (points.length > 0 && points[points.length - 1] === maxCodePoint) points.pop();
  const last = points.pop();
  if (last === undefined) return undefined;
  // Skip the surrogate block: those code points cannot appear in well-formed text.
  points.push(last === 0xd7ff ? 0xe000 : last + 1);
  return String.fromCodePoint(...points);
}

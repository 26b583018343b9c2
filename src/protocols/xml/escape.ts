/**
 * @module protocols/xml/escape
 * Text and attribute escaping for the XML iamd writes (Query responses, S3 bodies and errors).
 *
 * All five predefined entities are escaped everywhere, so one function serves text and attributes. `\r` is
 * written as `&#13;` because an XML parser normalises a literal CR to LF (XML 1.0 §2.11), and `\n`/`\t` likewise
 * in attributes (§3.3.3). Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot
 * be written even as character references, and the SDKs' parsers (expat in botocore, fast-xml-parser in JS v3)
 * would reject the whole document, so they become U+FFFD.
 */

const NEEDS_WORK = /[&<>"'\r\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
/**
 * Any character but printable ASCII that needs no entity. Most values (ids, ARNs, base64 session tokens) are all
 * such characters, and this negated class scans them about three times faster than `NEEDS_WORK` (a 560-character
 * token: 0.3 µs against 1 µs on the host of bench/README.md), so `NEEDS_WORK` runs only on the rest.
 */
const NOT_PLAIN = /[^\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\u007E]/;

/** Whether `value` has anything to escape or replace. */
const needsWork = (value: string): boolean => NOT_PLAIN.test(value) && NEEDS_WORK.test(value);
const ONE_CHAR =
  /[&<>"'\r\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/**
 * Escapes a string for use as element text or an attribute value.
 *
 * @example
 * escapeXml('a<b & "c"'); // 'a&lt;b &amp; &quot;c&quot;'
 */
export function escapeXml(value: string): string {
  if (!needsWork(value)) return value;
  return value.replace(ONE_CHAR, (ch) => REPLACEMENTS[ch] ?? '\uFFFD');
}

/**
 * Escapes element text: like {@link escapeXml} but keeps `\n` and `\t` literal, which text content preserves
 * (so policy documents and multi-line values stay readable on the wire).
 */
export function escapeXmlText(value: string): string {
  if (!needsWork(value)) return value;
  return value.replace(ONE_CHAR, (ch) => (ch === '\n' || ch === '\t' ? ch : (REPLACEMENTS[ch] ?? '\uFFFD')));
}

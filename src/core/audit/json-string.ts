/**
 * @module core/audit/json-string
 * JSON string literals for the audit trail's hand-written JSON (the record text, and the database's batch lines).
 */

/** What `JSON.stringify` escapes in a string: quote, backslash, control characters, and surrogates if unpaired. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Any character but printable ASCII other than quote and backslash: most values have none, and this scans faster. */
const NOT_PLAIN = /[^\u0020\u0021\u0023-\u005B\u005D-\u007E]/;

/**
 * A JSON string literal, exactly as `JSON.stringify` writes it. Most values need no escape, and for them quotes alone
 * are cheaper than a call to the serialiser. The result never holds a raw control character (newline, tab).
 *
 * @example
 * jsonString('alice'); // '"alice"'
 */
export const jsonString = (text: string): string => (needsJsonEscape(text) ? JSON.stringify(text) : `"${text}"`);

/** Whether `JSON.stringify` would escape anything in `text` (else a literal is the text in quotes). */
export const needsJsonEscape = (text: string): boolean => NOT_PLAIN.test(text) && NEEDS_ESCAPE.test(text);

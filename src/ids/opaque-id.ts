/**
 * @module ids/opaque-id
 * Opaque ids that clients hand back on the command line: S3 multipart upload ids and version ids. They are the
 * URL-safe base64 of random bytes, except that the first character is never `-`: the AWS CLI parses its arguments
 * with Python's argparse, which reads `--upload-id -8T3T7y…` as an option with no value followed by an unknown option
 * ("argument --upload-id: expected one argument"), so one plain base64url id in 64 could not be written the way the
 * CLI's documentation writes it (iamd's own AWS CLI multipart test failed that way). S3 documents these ids only as
 * opaque strings, so a leading `-` is replaced by `A`.
 */

/**
 * Encodes `random` as URL-safe base64 without padding, its first character a letter, digit or `_`.
 *
 * @example
 * mintOpaqueId(randomBytes(24)); // 32 chars of [A-Za-z0-9_-], never starting with '-'
 */
export function mintOpaqueId(random: Uint8Array): string {
  const text = Buffer.from(random.buffer, random.byteOffset, random.byteLength).toString('base64url');
  return text.startsWith('-') ? `A${text.slice(1)}` : text;
}

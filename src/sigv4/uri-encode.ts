/**
 * @module sigv4/uri-encode
 * The SigV4 `UriEncode()`: every byte of the UTF-8 form is percent-encoded (upper-case hex) except the RFC 3986
 * unreserved set `A-Z a-z 0-9 - . _ ~` (IAM User Guide, "Create a canonical request for Signature Version 4").
 * Decoding is byte-wise and lenient so that any client spelling of a parameter maps to one canonical form.
 */

const HEX = '0123456789ABCDEF';
const UNRESERVED = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') {
  UNRESERVED[char.charCodeAt(0)] = 1;
}
const SLASH = 0x2f;
const PERCENT = 0x25;
/** Texts that encode to themselves: the common case of names, values and S3 keys, answered without a copy. */
const UNRESERVED_ONLY = /^[A-Za-z0-9._~-]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9._~/-]*$/;

/**
 * Percent-encodes `input` (a string is taken as UTF-8). With `encodeSlash: false`, `/` is kept, as for paths.
 *
 * @example
 * uriEncode('a b/ሴ', false); // 'a%20b/%E1%88%B4'
 */
export function uriEncode(input: string | Uint8Array, encodeSlash = true): string {
  if (typeof input === 'string' && (encodeSlash ? UNRESERVED_ONLY : UNRESERVED_OR_SLASH).test(input)) return input;
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let out = '';
  for (const byte of bytes) {
    if (UNRESERVED[byte] === 1 || (byte === SLASH && !encodeSlash)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * Decodes `%XX` escapes into bytes. A `%` not followed by two hex digits stays a literal `%`, and `+` stays `+`
 * (SigV4 query strings are not form-encoded), so decoding never fails.
 *
 * @example
 * Buffer.from(percentDecode('a%20b%zz')).toString(); // 'a b%zz'
 */
export function percentDecode(text: string): Uint8Array {
  const src = Buffer.from(text, 'utf8');
  const out = new Uint8Array(src.length);
  let length = 0;
  for (let i = 0; i < src.length; i++) {
    const byte = src[i]!;
    const high = byte === PERCENT ? hexValue(src[i + 1]) : -1;
    const low = high >= 0 ? hexValue(src[i + 2]) : -1;
    if (low >= 0) {
      out[length++] = (high << 4) | low;
      i += 2;
    } else {
      out[length++] = byte;
    }
  }
  return out.subarray(0, length);
}

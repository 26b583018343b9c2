/**
 * @module ids/base32
 * RFC 4648 §6 base32 (alphabet `A-Z2-7`, no padding): the alphabet of AWS access key IDs and unique IDs
 * (awsteele.com/blog/2020/09/26/aws-access-key-format.html).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Encodes bytes as unpadded base32, 5 bits per character, most significant bit first.
 *
 * @example
 * encodeBase32(new Uint8Array([0xff])); // '74'
 */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes unpadded base32 into whole bytes (trailing bits that do not fill a byte are dropped).
 * Returns `undefined` if a character is outside `A-Z2-7`.
 *
 * @example
 * decodeBase32('74'); // Uint8Array [0xff]
 */
export function decodeBase32(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

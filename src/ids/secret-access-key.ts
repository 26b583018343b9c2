/**
 * @module ids/secret-access-key
 * Secret access keys: 40 characters of the standard base64 alphabet, like real AWS secrets
 * (`wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`). 30 random bytes encode to exactly 40 characters, no padding.
 */

const SECRET_BYTES = 30;

/**
 * Encodes the first 30 bytes of `random` as a 40-character secret access key.
 *
 * @example
 * mintSecretAccessKey(randomBytes(30)); // 40 chars of [A-Za-z0-9+/]
 */
export function mintSecretAccessKey(random: Uint8Array): string {
  if (random.length < SECRET_BYTES) throw new RangeError(`mintSecretAccessKey needs ${SECRET_BYTES} random bytes`);
  return Buffer.from(random.buffer, random.byteOffset, SECRET_BYTES).toString('base64');
}

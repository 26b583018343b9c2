/**
 * @module core/keyring/sealer
 * AES-256-GCM sealing of small secrets: long-term secret keys at rest, keyring material, and session-token claims.
 * A sealed value is `base64url(iv[12] | ciphertext | tag[16])`; the optional associated data binds it to its use
 * (e.g. the access key id), so a ciphertext cannot be moved to another row.
 */

import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { Random } from '../ports.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

const NO_HEADER = new Uint8Array(0);

/** Seals and opens byte strings with one 256-bit key. */
export interface Sealer {
  /**
   * Seals `plaintext` (a string is sealed as its UTF-8 bytes). With `header`, the result is `header | sealed
   * value` in one buffer, for formats that prefix the sealed value (session tokens) without another copy.
   */
  seal(plaintext: Uint8Array | string, associatedData?: string, header?: Uint8Array): Buffer;
  /** Returns `undefined` when the value was not sealed by this key or was tampered with. */
  open(sealed: Uint8Array, associatedData?: string): Buffer | undefined;
}

/**
 * Creates a sealer for a 32-byte key.
 *
 * @example
 * const sealer = createSealer(key, random);
 * const box = sealer.seal(Buffer.from('secret'), 'AKIA...');
 * sealer.open(box, 'AKIA...')?.toString(); // 'secret'
 */
export function createSealer(key: Uint8Array, random: Random): Sealer {
  if (key.length !== 32) throw new Error('A sealing key must be 32 bytes');
  return {
    seal(plaintext, associatedData, header = NO_HEADER) {
      const iv = random.bytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext);
      // GCM is a stream mode: final() returns nothing, but it is placed all the same.
      const rest = cipher.final();
      const tag = cipher.getAuthTag();
      // One buffer written in place rather than three concatenations: a session token is sealed per AssumeRole.
      const out = Buffer.allocUnsafe(header.length + IV_BYTES + body.length + rest.length + TAG_BYTES);
      out.set(header, 0);
      out.set(iv, header.length);
      out.set(body, header.length + IV_BYTES);
      out.set(rest, header.length + IV_BYTES + body.length);
      out.set(tag, out.length - TAG_BYTES);
      return out;
    },
    open(sealed, associatedData) {
      if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
      const iv = sealed.subarray(0, IV_BYTES);
      const tag = sealed.subarray(sealed.length - TAG_BYTES);
      const body = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]);
      } catch {
        return undefined;
      }
    },
  };
}

/** Seals a UTF-8 string into base64url text (for database columns). */
export function sealText(sealer: Sealer, text: string, associatedData: string): string {
  return sealer.seal(text, associatedData).toString('base64url');
}

/** Opens text sealed by {@link sealText}; `undefined` when it does not open. */
export function openText(sealer: Sealer, sealed: string, associatedData: string): string | undefined {
  return sealer.open(Buffer.from(sealed, 'base64url'), associatedData)?.toString('utf8');
}

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

/** Seals and opens byte strings with one 256-bit key. */
export interface Sealer {
  seal(plaintext: Uint8Array, associatedData?: string): Uint8Array;
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
    seal(plaintext, associatedData) {
      const iv = random.bytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]);
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
  return Buffer.from(sealer.seal(Buffer.from(text, 'utf8'), associatedData)).toString('base64url');
}

/** Opens text sealed by {@link sealText}; `undefined` when it does not open. */
export function openText(sealer: Sealer, sealed: string, associatedData: string): string | undefined {
  return sealer.open(Buffer.from(sealed, 'base64url'), associatedData)?.toString('utf8');
}

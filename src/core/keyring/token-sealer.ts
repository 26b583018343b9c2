/**
 * @module core/keyring/token-sealer
 * Authenticated encryption of session-token claims without a cipher object per token: AES-256-CTR from one
 * long-lived keystream per keyring key, then HMAC-SHA-256 (truncated to 128 bits, RFC 4868 §2.6) over the token's
 * header, counter block and ciphertext, with keys derived from the keyring key by HKDF-SHA-256 (RFC 5869), one for
 * each job. Encrypt-then-MAC with independent keys is authenticated encryption like AES-GCM (Bellare and
 * Namprempre, "Authenticated Encryption: Relations among notions", 2000).
 *
 * Why not a `createCipheriv('aes-256-gcm')` per token, as before: creating it costs OpenSSL a context, a key
 * schedule and a GHASH table, and V8 a native object finalised at garbage collection; under AssumeRole load that
 * was about a sixth of the request's CPU (bench/README.md, "STS", sixth session). The stream here is created once; a
 * token takes one `update` on it and two one-shot SHA-256 digests.
 *
 * Counter blocks never repeat under one key: each stream starts at a random 128-bit block and every token takes
 * the blocks after the previous token's (its plaintext is padded with spaces to whole blocks, which JSON ignores);
 * a stream is replaced by a fresh random one after 2^32 blocks. Streams of different processes or restarts start at
 * independent random points, so their ranges overlap with probability about (streams² · 2^33) / 2^128.
 */

import { createCipheriv, createDecipheriv, createHmac, hash, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Random } from '../ports.js';

const BLOCK = 16;
const TAG_BYTES = 16;
/** SHA-256's block size: HMAC pads its key to it (RFC 2104 §2). */
const HMAC_BLOCK = 64;
/** A stream is replaced after this many blocks (64 GiB of tokens), well before any counter could wrap into itself. */
const STREAM_BLOCKS = 2 ** 32;
const SPACES = ' '.repeat(BLOCK);

/** Seals and opens session-token claims with one keyring key. */
export interface TokenSealer {
  /**
   * Returns `header | counter[16] | ciphertext | tag[16]` as base64. `header` (format version and key id) is
   * authenticated with the rest.
   */
  seal(plaintext: string, header: Uint8Array): string;
  /**
   * Opens the bytes of a token whose first `headerBytes` are its header; `undefined` when it was not sealed by this
   * key or was altered. The plaintext may end in spaces (the padding).
   */
  open(token: Uint8Array, headerBytes: number): string | undefined;
}

interface Stream {
  readonly cipher: ReturnType<typeof createCipheriv>;
  /** The counter block the next token starts at. */
  readonly next: Buffer;
  used: number;
}

/**
 * Creates a token sealer for a 32-byte keyring key. `random` supplies each stream's starting counter block;
 * `streamBlocks` (tests only) how many blocks a stream serves before it is replaced.
 *
 * @example
 * const tokens = createTokenSealer(key, random);
 * const token = tokens.seal('{"v":1}', Uint8Array.of(2, 0, 0, 0, 1));
 * tokens.open(Buffer.from(token, 'base64'), 5); // '{"v":1}         '
 */
export function createTokenSealer(key: Uint8Array, random: Random, streamBlocks = STREAM_BLOCKS): TokenSealer {
  if (key.length !== 32) throw new Error('A token sealing key must be 32 bytes');
  const encryptionKey = Buffer.from(hkdfSync('sha256', key, '', 'iamd session token v2: encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', key, '', 'iamd session token v2: authentication', 32));
  // HMAC(K, m) = H((K ⊕ opad) | H((K ⊕ ipad) | m)) for a key shorter than the block (RFC 2104 §2), with one-shot
  // digests: the token is written behind the inner pad block, and the outer input lives in `outer`.
  const innerPad = Buffer.alloc(HMAC_BLOCK, 0x36);
  const outer = Buffer.alloc(HMAC_BLOCK + 32, 0x5c);
  for (let i = 0; i < macKey.length; i++) {
    innerPad[i] = (innerPad[i] ?? 0) ^ (macKey[i] ?? 0);
    outer[i] = (outer[i] ?? 0) ^ (macKey[i] ?? 0);
  }
  let stream: Stream | undefined;

  const startStream = (): Stream => {
    const start = Buffer.from(random.bytes(BLOCK));
    return { cipher: createCipheriv('aes-256-ctr', encryptionKey, start), next: Buffer.from(start), used: 0 };
  };

  return {
    seal(plaintext, header) {
      const length = Buffer.byteLength(plaintext, 'utf8');
      const padding = (BLOCK - (length % BLOCK)) % BLOCK;
      const blocks = (length + padding) / BLOCK;
      if (!stream || stream.used + blocks > streamBlocks) stream = startStream();
      const body = stream.cipher.update(padding === 0 ? plaintext : plaintext + SPACES.slice(0, padding), 'utf8');
      const signed = header.length + BLOCK + body.length;
      const out = Buffer.allocUnsafe(HMAC_BLOCK + signed + TAG_BYTES);
      innerPad.copy(out, 0);
      out.set(header, HMAC_BLOCK);
      stream.next.copy(out, HMAC_BLOCK + header.length);
      body.copy(out, HMAC_BLOCK + header.length + BLOCK);
      addBlocks(stream.next, blocks);
      stream.used += blocks;
      hash('sha256', out.subarray(0, HMAC_BLOCK + signed), 'buffer').copy(outer, HMAC_BLOCK);
      hash('sha256', outer, 'buffer').copy(out, HMAC_BLOCK + signed, 0, TAG_BYTES);
      return out.toString('base64', HMAC_BLOCK);
    },
    open(token, headerBytes) {
      const signed = token.length - TAG_BYTES;
      const bodyBytes = signed - headerBytes - BLOCK;
      if (bodyBytes <= 0 || bodyBytes % BLOCK !== 0) return undefined;
      const expected = createHmac('sha256', macKey).update(token.subarray(0, signed)).digest();
      if (!timingSafeEqual(expected.subarray(0, TAG_BYTES), token.subarray(signed))) return undefined;
      const counter = token.subarray(headerBytes, headerBytes + BLOCK);
      return createDecipheriv('aes-256-ctr', encryptionKey, counter)
        .update(token.subarray(headerBytes + BLOCK, signed))
        .toString('utf8');
    },
  };
}

/**
 * Adds `blocks` to a big-endian 128-bit counter block in place, carrying through all 16 bytes, as OpenSSL's CTR
 * mode increments it (`CRYPTO_ctr128_encrypt_ctr32` carries out of the low 32 bits into the upper 96).
 */
export function addBlocks(counter: Buffer, blocks: number): void {
  let carry = blocks;
  for (let i = counter.length - 1; i >= 0 && carry > 0; i--) {
    const sum = (counter[i] ?? 0) + (carry % 256);
    counter[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
}

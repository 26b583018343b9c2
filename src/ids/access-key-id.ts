/**
 * @module ids/access-key-id
 * Access key IDs that carry their account, the way current AWS keys do, so `sts:GetAccessKeyInfo` and
 * third-party tools that decode key IDs offline agree with the server.
 *
 * Layout (Tal Be'ery, "A short note on AWS KEY ID"; WithSecure, "A bitwise analysis of AWS access key
 * identifiers"; WIRE.md §3): `prefix + base32(10 bytes)`. The first 48 bits are
 * `1 (new-generation flag) | account (40 bits) | 7 random bits`; the last 4 bytes are random.
 * Old-generation keys (flag bit clear, e.g. `AKIAIOSFODNN7EXAMPLE`) do not encode an account.
 */
import { decodeBase32, encodeBase32 } from './base32.js';

/** `AKIA`: long-term IAM user key; `ASIA`: temporary key issued by STS (IAM User Guide, unique ID prefixes). */
export type AccessKeyPrefix = 'AKIA' | 'ASIA';

const ACCOUNT_ID = /^\d{12}$/;
const ACCESS_KEY_ID = /^(?:AKIA|ASIA)[A-Z2-7]{16}$/;
const NEW_GENERATION = 1n << 47n;
const NEW_GENERATION_NUMBER = 2 ** 47;
const ACCOUNT_MASK = 0xff_ffff_ffffn;

/**
 * Mints a 20-character access key ID that decodes to `accountId`.
 * `random` must hold at least 5 bytes (7 bits of the first and the next 4 are used).
 *
 * @example
 * mintAccessKeyId('AKIA', '123456789012', randomBytes(5)); // 'AKIAR…' (20 chars, base32)
 */
export function mintAccessKeyId(prefix: AccessKeyPrefix, accountId: string, random: Uint8Array): string {
  if (!ACCOUNT_ID.test(accountId)) throw new RangeError('accountId must be 12 decimal digits');
  if (random.length < 5) throw new RangeError('mintAccessKeyId needs at least 5 random bytes');
  // 48 bits, exact in a double (an account is below 2^40): plain arithmetic is several times cheaper than BigInt,
  // and STS mints a key id per session.
  const head = NEW_GENERATION_NUMBER + Number(accountId) * 128 + (random[0]! & 0x7f);
  const high = Math.floor(head / 0x100_0000);
  const low = head - high * 0x100_0000;
  const raw = new Uint8Array(10);
  raw[0] = high >>> 16;
  raw[1] = (high >>> 8) & 0xff;
  raw[2] = high & 0xff;
  raw[3] = low >>> 16;
  raw[4] = (low >>> 8) & 0xff;
  raw[5] = low & 0xff;
  raw.set(random.subarray(1, 5), 6);
  return prefix + encodeBase32(raw);
}

/**
 * The 12-digit account encoded in an `AKIA`/`ASIA` key ID, or `undefined` for old-generation keys and
 * anything that is not a 20-character key ID.
 *
 * @example
 * accountFromAccessKeyId('ASIAY34FZKBOKMUTVV7A'); // '609629065308'
 * accountFromAccessKeyId('AKIAIOSFODNN7EXAMPLE'); // undefined
 */
export function accountFromAccessKeyId(id: string): string | undefined {
  if (!ACCESS_KEY_ID.test(id)) return undefined;
  const raw = decodeBase32(id.slice(4));
  if (raw === undefined) return undefined;
  let head = 0n;
  for (let i = 0; i < 6; i++) head = (head << 8n) | BigInt(raw[i]!);
  if ((head & NEW_GENERATION) === 0n) return undefined;
  return ((head >> 7n) & ACCOUNT_MASK).toString().padStart(12, '0');
}

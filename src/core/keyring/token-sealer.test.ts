import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addBlocks, createTokenSealer } from './token-sealer.js';

const header = Uint8Array.of(2, 0xde, 0xad, 0xbe, 0xef);
const random = { bytes: (n: number) => randomBytes(n), uuid: () => randomUUID() };
/** A random source whose draws are given, to start a stream at a chosen counter block. */
const fixed = (...draws: Buffer[]) => ({
  bytes: (n: number) => {
    const next = draws.shift();
    if (!next || next.length !== n) throw new Error(`unexpected draw of ${n} bytes`);
    return next;
  },
  uuid: () => randomUUID(),
});
const open = (sealer: ReturnType<typeof createTokenSealer>, token: string) =>
  sealer.open(Buffer.from(token, 'base64'), header.length)?.trimEnd();
// Plaintexts of every length from 1 to 40 bytes, some with multi-byte characters, so that tokens end mid-block,
// on a block boundary and after padding computed from UTF-8 bytes rather than characters.
const plaintexts = Array.from({ length: 40 }, (_, i) => `{"n":${'x'.repeat(i)}}`).concat([
  '{"t":"é"}',
  '{"t":"日本語タグ"}',
]);

describe('token sealer', () => {
  it('opens every token of a stream, each at its own counter block', () => {
    const key = randomBytes(32);
    const sealer = createTokenSealer(key, random);
    const tokens = plaintexts.map((p) => sealer.seal(p, header));
    // A second sealer from the same key (another process, or after a restart) opens them all.
    const other = createTokenSealer(key, random);
    expect(tokens.map((t) => open(other, t))).toEqual(plaintexts);
    expect(new Set(tokens.map((t) => Buffer.from(t, 'base64').subarray(5, 21).toString('hex'))).size).toBe(
      tokens.length,
    );
  });

  it('writes the header, a counter block, whole blocks of ciphertext and an HMAC-SHA-256 tag', () => {
    const key = randomBytes(32);
    const start = Buffer.alloc(16, 0);
    start[15] = 7;
    const sealer = createTokenSealer(key, fixed(start));
    const raw = Buffer.from(sealer.seal('{"a":"0123456789"}', header), 'base64');
    expect([...raw.subarray(0, 5)]).toEqual([...header]);
    expect(raw.subarray(5, 21).equals(start)).toBe(true);
    expect((raw.length - 21 - 16) % 16).toBe(0);
    expect(raw.toString('latin1')).not.toContain('0123456789');
    // The tag is RFC 2104's HMAC under the HKDF-derived authentication key, whatever builds it.
    const macKey = Buffer.from(hkdfSync('sha256', key, '', 'iamd session token v2: authentication', 32));
    const tag = createHmac('sha256', macKey)
      .update(raw.subarray(0, raw.length - 16))
      .digest();
    expect(raw.subarray(raw.length - 16).equals(tag.subarray(0, 16))).toBe(true);
    // The next token starts where this one's blocks end: 18 bytes of plaintext took two blocks.
    const next = Buffer.from(sealer.seal('{}', header), 'base64');
    expect(next.readUInt32BE(17)).toBe(9);
  });

  it('carries the counter across 32-bit and 128-bit boundaries as OpenSSL does', () => {
    const key = randomBytes(32);
    const nearWrap = Buffer.alloc(16, 0xff);
    nearWrap[15] = 0xfd;
    const sealer = createTokenSealer(key, fixed(nearWrap));
    const across = Array.from({ length: 6 }, (_, i) => `{"i":${i},"pad":"${'p'.repeat(20)}"}`);
    const tokens = across.map((p) => sealer.seal(p, header));
    expect(tokens.map((t) => open(sealer, t))).toEqual(across);
    const half = Buffer.from('000000000000000000000000fffffffe', 'hex');
    const sealer32 = createTokenSealer(key, fixed(half));
    const tokens32 = across.map((p) => sealer32.seal(p, header));
    expect(tokens32.map((t) => open(sealer32, t))).toEqual(across);
  });

  it('adds to a 128-bit big-endian counter like BigInt arithmetic', () => {
    const cases: [string, number][] = [
      ['00000000000000000000000000000000', 1],
      ['000000000000000000000000ffffffff', 1],
      ['0000000000000000ffffffffffffffff', 300],
      ['ffffffffffffffffffffffffffffffff', 2],
      ['0123456789abcdef0123456789abcdef', 2 ** 32],
    ];
    for (const [hex, add] of cases) {
      const counter = Buffer.from(hex, 'hex');
      addBlocks(counter, add);
      const want = ((BigInt(`0x${hex}`) + BigInt(add)) % 2n ** 128n).toString(16).padStart(32, '0');
      expect(counter.toString('hex')).toBe(want);
    }
  });

  it('starts a new stream at a fresh random block when one is used up', () => {
    const key = randomBytes(32);
    const first = Buffer.alloc(16, 1);
    const second = Buffer.alloc(16, 2);
    const sealer = createTokenSealer(key, fixed(first, second), 4);
    const body = `{"p":"${'q'.repeat(20)}"}`; // 28 bytes: two blocks
    const tokens = [sealer.seal(body, header), sealer.seal(body, header), sealer.seal(body, header)];
    const counters = tokens.map((t) => Buffer.from(t, 'base64').subarray(5, 21).toString('hex'));
    expect(counters[0]).toBe(first.toString('hex'));
    expect(counters[2]).toBe(second.toString('hex'));
    expect(tokens.map((t) => open(sealer, t))).toEqual([body, body, body]);
  });

  it('refuses a token altered in any byte, cut short, or sealed by another key', () => {
    const key = randomBytes(32);
    const sealer = createTokenSealer(key, random);
    const raw = Buffer.from(sealer.seal('{"secret":"wJalrXUtnFEMI"}', header), 'base64');
    for (let i = 0; i < raw.length; i++) {
      const altered = Buffer.from(raw);
      altered[i] = (altered[i] ?? 0) ^ 0x01;
      expect(sealer.open(altered, header.length)).toBeUndefined();
    }
    expect(sealer.open(raw.subarray(0, raw.length - 1), header.length)).toBeUndefined();
    expect(sealer.open(raw.subarray(0, 21 + 16), header.length)).toBeUndefined();
    expect(createTokenSealer(randomBytes(32), random).open(raw, header.length)).toBeUndefined();
    expect(sealer.open(raw, header.length)?.trimEnd()).toBe('{"secret":"wJalrXUtnFEMI"}');
  });
});

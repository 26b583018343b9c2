import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase32, encodeBase32 } from './index.js';

describe('base32', () => {
  it('matches the RFC 4648 §10 vectors (unpadded)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(decodeBase32(encoded))).toBe(plain);
    }
  });

  it('rejects characters outside A-Z2-7', () => {
    expect(decodeBase32('MZXW6YT1')).toBeUndefined();
    expect(decodeBase32('mzxw6')).toBeUndefined();
  });

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });
});

import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSigningKey, HmacKey, SigningKeyCache } from './index.js';

const reference = (key: Uint8Array, text: string) => createHmac('sha256', key).update(text).digest('hex');

describe('HmacKey', () => {
  const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');

  it('signs exactly as createHmac does, for any text (ASCII, non-ASCII, long enough to grow its buffer)', () => {
    const prepared = new HmacKey(key);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'grapheme', maxLength: 50 })), (text) => {
        expect(prepared.signHex(text)).toBe(reference(key, text));
      }),
      { numRuns: 300 },
    );
  });

  it('takes keys of any length up to one block, and refuses longer ones', () => {
    for (const length of [0, 1, 32, 64]) {
      const bytes = randomBytes(length);
      expect(new HmacKey(bytes).signHex('text')).toBe(reference(bytes, 'text'));
    }
    expect(() => new HmacKey(randomBytes(65))).toThrow(RangeError);
  });

  it('is what the signing-key cache hands out', () => {
    const cache = new SigningKeyCache();
    const prepared = cache.prepared('secret', '20150830', 'us-east-1', 's3');
    expect(prepared.bytes).toBe(cache.get('secret', '20150830', 'us-east-1', 's3'));
    expect(prepared.signHex('x')).toBe(reference(deriveSigningKey('secret', '20150830', 'us-east-1', 's3'), 'x'));
  });
});

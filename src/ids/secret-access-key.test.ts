import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mintSecretAccessKey } from './index.js';

describe('mintSecretAccessKey', () => {
  it('is 40 characters of base64 that decode back to the 30 random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 30, maxLength: 40 }), (random) => {
        const secret = mintSecretAccessKey(random);
        expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
        expect(new Uint8Array(Buffer.from(secret, 'base64'))).toEqual(random.subarray(0, 30));
      }),
    );
  });

  it('reads only its own slice of a shared buffer', () => {
    const backing = new Uint8Array(64).fill(0xff);
    backing.fill(0, 10, 40);
    expect(mintSecretAccessKey(backing.subarray(10, 40))).toBe('A'.repeat(40));
  });

  it('refuses fewer than 30 random bytes', () => {
    expect(() => mintSecretAccessKey(new Uint8Array(29))).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeBase32, mintUniqueId } from './index.js';

describe('mintUniqueId', () => {
  it('is the prefix plus the first 17 base32 characters of 11 random bytes', () => {
    const random = Uint8Array.from({ length: 11 }, (_, i) => i * 23 + 7);
    const id = mintUniqueId('AROA', random);
    expect(id).toHaveLength(21);
    expect(id).toBe(`AROA${encodeBase32(random).slice(0, 17)}`);
  });

  it('has the shape of real IAM unique IDs for every prefix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'AIDA' as const,
          'AROA' as const,
          'ANPA' as const,
          'AIPA' as const,
          'AGPA' as const,
          'ANVA' as const,
        ),
        fc.uint8Array({ minLength: 11, maxLength: 16 }),
        (prefix, random) => {
          expect(mintUniqueId(prefix, random)).toMatch(new RegExp(`^${prefix}[A-Z2-7]{17}$`));
        },
      ),
    );
  });

  it('differs when the randomness differs', () => {
    const a = mintUniqueId('AIDA', new Uint8Array(11));
    const b = mintUniqueId('AIDA', new Uint8Array(11).fill(255));
    expect(a).toBe('AIDAAAAAAAAAAAAAAAAAA');
    expect(b).toBe('AIDA77777777777777777');
  });

  it('refuses fewer than 11 random bytes', () => {
    expect(() => mintUniqueId('AROA', new Uint8Array(10))).toThrow(RangeError);
  });
});

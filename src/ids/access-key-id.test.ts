import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountFromAccessKeyId, mintAccessKeyId } from './index.js';

describe('accountFromAccessKeyId', () => {
  it("decodes the published examples (Tal Be'ery; WIRE.md §3)", () => {
    expect(accountFromAccessKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    expect(accountFromAccessKeyId('ASIAQNZGKIQY56JQ7WML')).toBe('029608264753');
    expect(accountFromAccessKeyId('AKIARZPUZDIKJRI6ODGR')).toBe('123456789012');
  });

  it('returns undefined for old-generation keys, which do not encode an account', () => {
    expect(accountFromAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
  });

  it.each([
    '',
    'ASIAY34FZKBOKMUTVV7',
    'ASIAY34FZKBOKMUTVV7AA',
    'AROAY34FZKBOKMUTVV7A',
    'ASIAY34FZKBOKMUTVV71',
    'asiay34fzkbokmutvv7a',
  ])('rejects %j', (id) => {
    expect(accountFromAccessKeyId(id)).toBeUndefined();
  });
});

describe('mintAccessKeyId', () => {
  it('produces 20 base32 characters behind the prefix', () => {
    const id = mintAccessKeyId('ASIA', '000000000000', new Uint8Array([1, 2, 3, 4, 5]));
    expect(id).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });

  it('reproduces the WIRE.md §3 example for account 123456789012', () => {
    // The example's random bits are not published; its first 8 base32 characters (40 bits) hold only the
    // generation flag and the account, so those must match whatever the randomness.
    const id = mintAccessKeyId('AKIA', '123456789012', new Uint8Array([0, 0, 0, 0, 0]));
    expect(id.slice(0, 12)).toBe('AKIARZPUZDIK');
    expect(accountFromAccessKeyId(id)).toBe('123456789012');
  });

  it('uses the random bytes: different randomness, different key, same account', () => {
    const a = mintAccessKeyId('AKIA', '111122223333', new Uint8Array([0, 0, 0, 0, 0]));
    const b = mintAccessKeyId('AKIA', '111122223333', new Uint8Array([0, 0, 0, 0, 1]));
    const c = mintAccessKeyId('AKIA', '111122223333', new Uint8Array([1, 0, 0, 0, 0]));
    expect(new Set([a, b, c]).size).toBe(3);
    for (const id of [a, b, c]) expect(accountFromAccessKeyId(id)).toBe('111122223333');
  });

  it('round-trips any 12-digit account and any randomness', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('AKIA' as const, 'ASIA' as const),
        fc.integer({ min: 0, max: 999_999_999_999 }),
        fc.uint8Array({ minLength: 5, maxLength: 8 }),
        (prefix, account, random) => {
          const accountId = String(account).padStart(12, '0');
          const id = mintAccessKeyId(prefix, accountId, random);
          expect(id).toMatch(/^(AKIA|ASIA)[A-Z2-7]{16}$/);
          expect(id.startsWith(prefix)).toBe(true);
          expect(accountFromAccessKeyId(id)).toBe(accountId);
        },
      ),
    );
  });

  it('refuses bad accounts and short randomness', () => {
    expect(() => mintAccessKeyId('AKIA', '12345678901', new Uint8Array(5))).toThrow(RangeError);
    expect(() => mintAccessKeyId('AKIA', '12345678901a', new Uint8Array(5))).toThrow(RangeError);
    expect(() => mintAccessKeyId('AKIA', '123456789012', new Uint8Array(4))).toThrow(RangeError);
  });
});

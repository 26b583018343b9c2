import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PasswordPolicyRecord } from '../entities.js';
import { assertPasswordAllowed, hashPassword, verifyPassword } from './passwords.js';

const codeOf = (password: string, policy?: PasswordPolicyRecord) => {
  try {
    assertPasswordAllowed(password, policy);
    return 'allowed';
  } catch (error) {
    return (error as { message: string }).message;
  }
};

describe('password hashes', () => {
  it('are salted scrypt hashes that verify only the same password and never contain it', async () => {
    const stored = await hashPassword('Correct-Horse-9', randomBytes(16));
    const again = await hashPassword('Correct-Horse-9', randomBytes(16));
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('Correct-Horse-9');
    expect(again).not.toBe(stored);
    expect(await verifyPassword('Correct-Horse-9', stored)).toBe(true);
    expect(await verifyPassword('correct-horse-9', stored)).toBe(false);
    expect(await verifyPassword('Correct-Horse-9', 'plain$text')).toBe(false);
  });
});

describe('assertPasswordAllowed', () => {
  it("applies AWS's default policy when the account has none", () => {
    expect(codeOf('Abcdef1!')).toBe('allowed');
    expect(codeOf('abcdef12')).toBe('Password does not conform to the account password policy.');
    expect(codeOf('Ab1!')).toBe('Password does not conform to the account password policy.');
  });

  it('checks the length and each required kind of character of a custom policy', () => {
    const policy: PasswordPolicyRecord = {
      minimumPasswordLength: 10,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      allowUsersToChangePassword: false,
      hardExpiry: false,
    };
    expect(codeOf('Aa1!', policy)).toBe('Password should have a minimum length of 10');
    expect(codeOf('aaaaaaaaa1!', policy)).toBe('Password should have at least one uppercase letter');
    expect(codeOf('AAAAAAAAA1!', policy)).toBe('Password should have at least one lowercase letter');
    expect(codeOf('AAAAAaaaaa!', policy)).toBe('Password should have at least one number');
    expect(codeOf('AAAAAaaaaa1', policy)).toBe('Password should have at least one symbol');
    expect(codeOf('AAAAAaaaa1!', policy)).toBe('allowed');
    expect(
      codeOf('aaaaaa', {
        ...policy,
        minimumPasswordLength: 6,
        requireSymbols: false,
        requireNumbers: false,
        requireUppercaseCharacters: false,
      }),
    ).toBe('allowed');
  });
});

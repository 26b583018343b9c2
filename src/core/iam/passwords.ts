/**
 * @module core/iam/passwords
 * Console and service-specific passwords: stored only as salted scrypt hashes (RFC 7914, node:crypto), never in
 * clear; and the checks of the account password policy ("Set an account password policy for IAM users", IAM User
 * Guide), including AWS's default policy for accounts that never set one.
 */

import { scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordPolicyRecord } from '../entities.js';
import { AwsError } from '../errors.js';

/** scrypt cost: N = 2^15, r = 8, p = 1 (about 32 MiB and tens of milliseconds per hash, OWASP's minimum). */
const COST = { N: 32_768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: COST.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Hashes a password with a fresh 16-byte salt: `scrypt$N$r$p$<salt>$<hash>` (base64url).
 *
 * @example
 * const stored = await hashPassword('correct horse', random.bytes(16));
 */
export async function hashPassword(password: string, salt: Buffer): Promise<string> {
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` is the one `stored` was made from (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** The symbols AWS counts for `RequireSymbols` and the default policy. */
const SYMBOLS = /[!@#$%^&*()_+\-=[\]{}|']/;
const CLASSES = { upper: /[A-Z]/, lower: /[a-z]/, number: /[0-9]/, symbol: SYMBOLS };

const violation = (message: string) => new AwsError('PasswordPolicyViolation', message);

/**
 * Throws PasswordPolicyViolation unless `password` satisfies the account's policy or, without one, AWS's default
 * policy (at least 8 characters, and three of: upper case, lower case, numbers, symbols).
 */
export function assertPasswordAllowed(password: string, policy: PasswordPolicyRecord | undefined): void {
  if (policy === undefined) {
    const classes = Object.values(CLASSES).filter((re) => re.test(password)).length;
    if (password.length < 8 || classes < 3) {
      throw violation('Password does not conform to the account password policy.');
    }
    return;
  }
  if (password.length < policy.minimumPasswordLength) {
    throw violation(`Password should have a minimum length of ${policy.minimumPasswordLength}`);
  }
  if (policy.requireUppercaseCharacters && !CLASSES.upper.test(password)) {
    throw violation('Password should have at least one uppercase letter');
  }
  if (policy.requireLowercaseCharacters && !CLASSES.lower.test(password)) {
    throw violation('Password should have at least one lowercase letter');
  }
  if (policy.requireNumbers && !CLASSES.number.test(password)) {
    throw violation('Password should have at least one number');
  }
  if (policy.requireSymbols && !CLASSES.symbol.test(password)) {
    throw violation('Password should have at least one symbol');
  }
}

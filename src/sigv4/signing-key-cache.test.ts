import { describe, expect, it } from 'vitest';
import { deriveSigningKey, SigningKeyCache } from './index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');

describe('deriveSigningKey', () => {
  it('matches the IAM User Guide example (iam, us-east-1, 20150830)', () => {
    expect(hex(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'iam'))).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
  });
});

describe('SigningKeyCache', () => {
  it('returns the derived key, and the same bytes on a hit', () => {
    const cache = new SigningKeyCache();
    const first = cache.get(SECRET, '20150830', 'us-east-1', 'sts');
    expect(hex(first)).toBe(hex(deriveSigningKey(SECRET, '20150830', 'us-east-1', 'sts')));
    expect(cache.get(SECRET, '20150830', 'us-east-1', 'sts')).toBe(first);
  });

  it('keys on every scope component and the secret', () => {
    const cache = new SigningKeyCache();
    const keys = [
      cache.get(SECRET, '20150830', 'us-east-1', 'sts'),
      cache.get(SECRET, '20150831', 'us-east-1', 'sts'),
      cache.get(SECRET, '20150830', 'eu-west-1', 'sts'),
      cache.get(SECRET, '20150830', 'us-east-1', 's3'),
      cache.get(`${SECRET}x`, '20150830', 'us-east-1', 'sts'),
    ];
    expect(new Set(keys.map(hex)).size).toBe(5);
    expect(cache.size).toBe(5);
  });

  it('evicts the least recently used entry', () => {
    const cache = new SigningKeyCache(2);
    const a = cache.get(SECRET, '20150830', 'r', 'a');
    cache.get(SECRET, '20150830', 'r', 'b');
    expect(cache.get(SECRET, '20150830', 'r', 'a')).toBe(a);
    cache.get(SECRET, '20150830', 'r', 'c');
    expect(cache.size).toBe(2);
    expect(cache.get(SECRET, '20150830', 'r', 'a')).toBe(a);
    const b = cache.get(SECRET, '20150830', 'r', 'b');
    expect(hex(b)).toBe(hex(deriveSigningKey(SECRET, '20150830', 'r', 'b')));
  });

  it('refuses a non-positive capacity', () => {
    expect(() => new SigningKeyCache(0)).toThrow(RangeError);
  });
});

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

  it('stays bounded across many secrets and scopes, and never serves a key for the wrong one', () => {
    const cache = new SigningKeyCache(3);
    for (let round = 0; round < 3; round++) {
      for (const secret of [SECRET, `${SECRET}1`, `${SECRET}2`]) {
        for (const service of ['s3', 'sts']) {
          const key = cache.get(secret, '20150830', 'us-east-1', service);
          expect(hex(key)).toBe(hex(deriveSigningKey(secret, '20150830', 'us-east-1', service)));
          expect(cache.size).toBeLessThanOrEqual(3);
        }
      }
    }
  });

  it('files a key under the scope the caller passes, which must be the credential scope', () => {
    const cache = new SigningKeyCache();
    const prepared = cache.prepared(SECRET, '20150830', 'us-east-1', 'sts', '20150830/us-east-1/sts/aws4_request');
    expect(cache.get(SECRET, '20150830', 'us-east-1', 'sts')).toBe(prepared.bytes);
    expect(cache.size).toBe(1);
  });

  it('refuses a non-positive capacity', () => {
    expect(() => new SigningKeyCache(0)).toThrow(RangeError);
  });
});

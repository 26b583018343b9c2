import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rememberingBodySha256 } from './body-hash.js';

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

describe('rememberingBodySha256', () => {
  it('hashes every body right, repeated, changed, empty or large', () => {
    const hasher = rememberingBodySha256();
    const gci = Buffer.from('Action=GetCallerIdentity&Version=2011-06-15');
    const bodies = [gci, Buffer.from(gci), Buffer.from('Action=GetCallerIdentity&Version=2011-06-16'), gci];
    bodies.push(Buffer.alloc(0), Buffer.alloc(5000, 1), Buffer.alloc(5000, 1), gci);
    for (const body of bodies) expect(hasher(body)).toBe(sha256(body));
  });

  it('does not answer for a buffer changed after it was hashed', () => {
    const hasher = rememberingBodySha256();
    const body = Buffer.from('Action=GetCallerIdentity&Version=2011-06-15');
    const before = hasher(body);
    body[0] = 0x61;
    expect(hasher(body)).toBe(sha256(body));
    expect(hasher(body)).not.toBe(before);
  });
});

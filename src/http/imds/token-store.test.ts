import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePortRange } from './imds-listeners.js';
import { TokenStore } from './token-store.js';

describe('TokenStore', () => {
  it('accepts its own tokens until their TTL passes, and nothing else', () => {
    let now = Date.UTC(2026, 10, 28, 12);
    const store = new TokenStore({ now: () => new Date(now) }, { bytes: (n) => randomBytes(n), uuid: () => 'u' });
    const token = store.issue(10);
    expect(store.valid(token)).toBe(true);
    expect(store.valid(`${token}x`)).toBe(false);
    expect(
      new TokenStore({ now: () => new Date(now) }, { bytes: (n) => randomBytes(n), uuid: () => 'u' }).valid(token),
    ).toBe(false);
    now += 9_999;
    expect(store.valid(token)).toBe(true);
    now += 1;
    expect(store.valid(token)).toBe(false);
  });
});

describe('parsePortRange', () => {
  it('lists the ports of FIRST-LAST, and none for 0 (any free port)', () => {
    expect(parsePortRange('4600-4603')).toEqual([4600, 4601, 4602, 4603]);
    expect(parsePortRange('0')).toEqual([]);
  });
});

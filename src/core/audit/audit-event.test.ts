import { describe, expect, it } from 'vitest';
import { sameAuthorized } from './audit-event.js';

describe('sameAuthorized', () => {
  it('compares actions member by member, in order', () => {
    const a = { action: 'iam:GetRole', resource: '*' };
    const b = { action: 'iam:GetRole', resource: 'arn:aws:iam::1:role/r' };
    expect(sameAuthorized([a, b], [{ ...a }, { ...b }])).toBe(true);
    expect(sameAuthorized([a, b], [b, a])).toBe(false);
    expect(sameAuthorized([a], [a, b])).toBe(false);
    expect(sameAuthorized([], [])).toBe(true);
    expect(sameAuthorized([a], [{ ...a, action: 'iam:ListRoles' }])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { decideGrant, type GrantInputs } from './grant-rules.js';
import type { MatchStrength } from './types.js';

const base: GrantInputs = {
  principalSide: true,
  sameAccount: true,
  resourcePolicyRequired: false,
  identity: true,
  boundary: true,
  session: true,
  resource: undefined,
};

describe('decideGrant: same account (§4.4)', () => {
  it.each<[MatchStrength | undefined, Partial<GrantInputs>, string | undefined]>([
    ['exact', { identity: false, boundary: false, session: false }, undefined],
    ['wildcard', { identity: false, boundary: false, session: false }, undefined],
    ['role', { identity: false }, undefined],
    ['role', { identity: false, boundary: false }, 'boundary'],
    ['role', { session: false }, 'session'],
    ['account', { identity: false }, 'identity'],
    ['account', {}, undefined],
    [undefined, {}, undefined],
    [undefined, { identity: false }, 'identity'],
    [undefined, { boundary: false }, 'boundary'],
    [undefined, { session: false }, 'session'],
    [undefined, { resourcePolicyRequired: true }, 'resource'],
    ['account', { resourcePolicyRequired: true }, undefined],
    ['account', { resourcePolicyRequired: true, identity: false }, 'identity'],
  ])('R=%s with %j → %s', (resource, overrides, expected) => {
    expect(decideGrant({ ...base, resource, ...overrides })).toBe(expected);
  });
});

describe('decideGrant: cross account (§4.5)', () => {
  it('needs both sides, whatever the resource policy names', () => {
    const cross = { ...base, sameAccount: false };
    expect(decideGrant({ ...cross, resource: 'exact' })).toBeUndefined();
    expect(decideGrant({ ...cross, resource: 'exact', identity: false })).toBe('identity');
    expect(decideGrant({ ...cross, resource: 'wildcard', boundary: false })).toBe('boundary');
    expect(decideGrant({ ...cross, resource: undefined })).toBe('resource');
  });
});

describe('decideGrant: callers without identity policies', () => {
  it('grant only through the resource policy', () => {
    const other = { ...base, principalSide: false, identity: false };
    expect(decideGrant({ ...other, resource: 'service' })).toBeUndefined();
    expect(decideGrant({ ...other, resource: undefined })).toBe('resource');
  });
});

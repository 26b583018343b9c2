import { describe, expect, it } from 'vitest';
import { matchesFilters, tagFields } from './filters.js';

const fields = new Map<string, readonly string[]>([
  ['instance-state-name', ['running']],
  ...tagFields([{ Key: 'env', Value: 'production' }]),
]);

describe('matchesFilters', () => {
  it('ANDs filters and ORs values, with * and ? wildcards', () => {
    expect(
      matchesFilters([{ Name: 'instance-state-name', Values: ['stopped', 'running'] }], fields, [
        'instance-state-name',
      ]),
    ).toBe(true);
    expect(matchesFilters([{ Name: 'tag:env', Values: ['prod*'] }], fields, [])).toBe(true);
    expect(matchesFilters([{ Name: 'tag:env', Values: ['pro?uction'] }], fields, [])).toBe(true);
    expect(matchesFilters([{ Name: 'tag:env', Values: ['prod'] }], fields, [])).toBe(false);
    expect(
      matchesFilters(
        [
          { Name: 'tag-key', Values: ['env'] },
          { Name: 'instance-state-name', Values: ['stopped'] },
        ],
        fields,
        ['instance-state-name'],
      ),
    ).toBe(false);
  });

  it('treats regex characters in values literally', () => {
    const dotted = new Map([['tag:v', ['1x2']]]);
    expect(matchesFilters([{ Name: 'tag:v', Values: ['1.2'] }], dotted, [])).toBe(false);
  });

  it('rejects a filter the operation does not support, as EC2 does', () => {
    expect(() => matchesFilters([{ Name: 'owner-alias', Values: ['x'] }], fields, ['instance-state-name'])).toThrow(
      "The filter 'owner-alias' is invalid",
    );
  });
});

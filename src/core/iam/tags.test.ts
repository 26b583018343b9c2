import { describe, expect, it } from 'vitest';
import { assertValidTags, MAX_TAGS, mergeTags, removeTags } from './tags.js';

describe('IAM tags', () => {
  it('replaces an existing key case-insensitively and appends new ones in order', () => {
    const merged = mergeTags(
      [
        { Key: 'Team', Value: 'a' },
        { Key: 'env', Value: 'dev' },
      ],
      [
        { Key: 'team', Value: 'b' },
        { Key: 'cost', Value: '1' },
      ],
    );
    expect(merged).toEqual([
      { Key: 'team', Value: 'b' },
      { Key: 'env', Value: 'dev' },
      { Key: 'cost', Value: '1' },
    ]);
  });

  it('refuses duplicate keys in one request and reserved aws: keys', () => {
    expect(() =>
      assertValidTags([
        { Key: 'a', Value: '1' },
        { Key: 'A', Value: '2' },
      ]),
    ).toThrow('Duplicate tag keys found');
    expect(() => assertValidTags([{ Key: 'AWS:x', Value: '1' }])).toThrow('aws:');
  });

  it(`allows ${MAX_TAGS} tags and no more`, () => {
    const tags = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: '' }));
    expect(mergeTags(tags(49, 'a'), tags(1, 'b'))).toHaveLength(MAX_TAGS);
    expect(() => mergeTags(tags(50, 'a'), tags(1, 'b'))).toThrow(expect.objectContaining({ code: 'LimitExceeded' }));
  });

  it('removes keys case-insensitively and ignores absent ones', () => {
    expect(
      removeTags(
        [
          { Key: 'Env', Value: 'x' },
          { Key: 'k', Value: 'v' },
        ],
        ['ENV', 'nope'],
      ),
    ).toEqual([{ Key: 'k', Value: 'v' }]);
  });
});

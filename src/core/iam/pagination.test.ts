import { describe, expect, it } from 'vitest';
import { byKey, paginate, paginateByIndex } from './pagination.js';

describe('paginate', () => {
  const names = ['delta', 'Alpha', 'charlie', 'bravo', 'echo'].sort(byKey((n) => n.toLowerCase()));

  it('walks every item exactly once through the markers', () => {
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = paginate(names, marker, 2, (n) => n.toLowerCase());
      seen.push(...page.items);
      expect(page.isTruncated).toBe(page.marker !== undefined);
      marker = page.marker;
    } while (marker !== undefined);
    expect(seen).toEqual(['Alpha', 'bravo', 'charlie', 'delta', 'echo']);
  });

  it('continues after the last returned key even when items were inserted or removed meanwhile', () => {
    const first = paginate(names, undefined, 2, (n) => n.toLowerCase());
    const changed = ['alpha', 'bravo', 'bz', 'delta'];
    expect(paginate(changed, first.marker, 10, (n) => n).items).toEqual(['bz', 'delta']);
  });

  it('rejects a marker that decodes to nothing', () => {
    expect(() => paginate(names, '', 2, (n) => n)).toThrow('Invalid Marker.');
    expect(() => paginate(names, '!!!', 2, (n) => n)).toThrow('Invalid Marker.');
  });
});

describe('paginateByIndex', () => {
  it('pages by position and rejects an out-of-range marker', () => {
    const first = paginateByIndex([1, 2, 3], undefined, 2);
    expect(first).toMatchObject({ items: [1, 2], isTruncated: true });
    expect(paginateByIndex([1, 2, 3], first.marker, 2)).toEqual({ items: [3], isTruncated: false, marker: undefined });
    expect(() => paginateByIndex([1], Buffer.from('7').toString('base64url'), 2)).toThrow('Invalid Marker.');
  });
});

/**
 * @module test/storage-contract/s3-listing-cases
 * S3Store.listObjects: UTF-8 byte order (non-ASCII, astral and private-use characters), prefixes (including LIKE
 * wildcards and the prefix-bound edge cases), startAfter, maxKeys and isTruncated.
 */

import { describe, expect, it } from 'vitest';
import type { S3Store } from '../../src/core/ports.js';
import type { StoresGetter } from './contract.js';
import { bucket, object } from './fixtures.js';

const keys = [
  'a',
  'a/b',
  'a-b',
  'a/b/c',
  'A',
  'b',
  'é',
  'éa',
  '\uD7FF',
  '\uD7FFx',
  '\uE000',
  '\uFF21',
  '\u{1F600}',
  '\u{1F600}x',
  '\u{10FFFF}',
  '\u{10FFFF}\u{10FFFF}a',
  'z',
  '%x',
  '_y',
  'a%',
];

/** The order S3 promises: UTF-8 bytes, compared unsigned. */
const byteOrder = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));

async function fill(s3: S3Store, name: string, list: readonly string[] = keys): Promise<void> {
  await s3.createBucket(bucket(name));
  for (const key of list) await s3.putObject(object(name, key));
}

async function listKeys(s3: S3Store, prefix: string, startAfter = '', maxKeys = 1000) {
  const page = await s3.listObjects('b', { prefix, startAfter, maxKeys });
  return { keys: page.objects.map((o) => o.key), isTruncated: page.isTruncated };
}

export function s3ListingCases(stores: StoresGetter): void {
  describe('S3Store.listObjects', () => {
    it('is meaningful: UTF-8 byte order differs from JavaScript string order for these keys', () => {
      expect([...keys].sort()).not.toEqual(byteOrder);
    });

    it('lists every key in UTF-8 byte order, with full records', async () => {
      const { s3 } = stores();
      await fill(s3, 'b');
      await fill(s3, 'other', ['a', 'zz']);
      const page = await s3.listObjects('b', { prefix: '', startAfter: '', maxKeys: 1000 });
      expect(page.objects.map((o) => o.key)).toEqual(byteOrder);
      expect(page.isTruncated).toBe(false);
      expect(page.objects[0]).toEqual(object('b', byteOrder[0] ?? ''));
      expect(await s3.countObjects('b')).toBe(keys.length);
    });

    it.each([1, 2, 3, 7, keys.length - 1, keys.length, keys.length + 1])(
      'pages through everything with maxKeys %i',
      async (maxKeys) => {
        const { s3 } = stores();
        await fill(s3, 'b');
        const seen: string[] = [];
        let startAfter = '';
        for (let pages = 0; pages <= keys.length; pages++) {
          const page = await listKeys(s3, '', startAfter, maxKeys);
          expect(page.keys).toEqual(byteOrder.slice(seen.length, seen.length + maxKeys));
          seen.push(...page.keys);
          expect(page.isTruncated).toBe(seen.length < byteOrder.length);
          if (!page.isTruncated) break;
          startAfter = page.keys[page.keys.length - 1] ?? '';
        }
        expect(seen).toEqual(byteOrder);
      },
    );

    it.each(['a', 'a/', 'A', 'é', '\u{1F600}', '\uD7FF', '\u{10FFFF}', '%', '_', 'a%', 'nomatch', ''])(
      'filters by the literal prefix %j',
      async (prefix) => {
        const { s3 } = stores();
        await fill(s3, 'b');
        const expected = byteOrder.filter((key) => key.startsWith(prefix));
        expect(await listKeys(s3, prefix)).toEqual({ keys: expected, isTruncated: false });
      },
    );

    it('applies startAfter exclusively, before, inside and after the prefix range', async () => {
      const { s3 } = stores();
      await fill(s3, 'b');
      const underA = byteOrder.filter((key) => key.startsWith('a'));
      expect((await listKeys(s3, 'a', '0')).keys).toEqual(underA);
      expect((await listKeys(s3, 'a', 'a-b')).keys).toEqual(underA.slice(underA.indexOf('a-b') + 1));
      expect((await listKeys(s3, 'a', 'a/a')).keys).toEqual(['a/b', 'a/b/c']);
      expect((await listKeys(s3, 'a', 'b')).keys).toEqual([]);
      expect((await listKeys(s3, '', 'z')).keys).toEqual(byteOrder.slice(byteOrder.indexOf('z') + 1));
    });

    it('compares startAfter in byte order too (astral characters after U+FF21)', async () => {
      const { s3 } = stores();
      await fill(s3, 'b');
      expect((await listKeys(s3, '', '\uFF21', 2)).keys).toEqual(['\u{1F600}', '\u{1F600}x']);
      expect((await listKeys(s3, '', '\u{1F600}x')).keys).toEqual(['\u{10FFFF}', '\u{10FFFF}\u{10FFFF}a']);
    });

    it('reports truncation exactly at the page boundary and for maxKeys 0', async () => {
      const { s3 } = stores();
      await fill(s3, 'b');
      const underA = byteOrder.filter((key) => key.startsWith('a'));
      expect(await listKeys(s3, 'a', '', underA.length)).toEqual({ keys: underA, isTruncated: false });
      expect(await listKeys(s3, 'a', '', underA.length - 1)).toEqual({
        keys: underA.slice(0, -1),
        isTruncated: true,
      });
      expect(await listKeys(s3, 'a', '', 0)).toEqual({ keys: [], isTruncated: true });
      expect(await listKeys(s3, 'nomatch', '', 0)).toEqual({ keys: [], isTruncated: false });
    });

    it('lists nothing for an empty or missing bucket', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('empty'));
      const query = { prefix: '', startAfter: '', maxKeys: 10 };
      expect(await s3.listObjects('empty', query)).toEqual({ objects: [], isTruncated: false });
      expect(await s3.listObjects('missing', query)).toEqual({ objects: [], isTruncated: false });
    });
  });
}

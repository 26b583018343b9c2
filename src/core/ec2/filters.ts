/**
 * @module core/ec2/filters
 * EC2 `Filter.N.Name` / `Filter.N.Value.M` matching (EC2 API reference, "List and filter using the CLI and API"):
 * filters are ANDed, the values of one filter ORed, values may use `*` and `?` wildcards, and `tag:<key>` matches the
 * value of that tag. An unknown filter name is an error, as on EC2.
 */

import { AwsError } from '../errors.js';

/** A filter as decoded from the wire. */
export interface Ec2Filter {
  readonly Name?: string | undefined;
  readonly Values?: readonly string[] | undefined;
}

/** The values a record exposes to filtering, by filter name; tags as `tag:<key>`. */
export type FilterFields = ReadonlyMap<string, readonly string[]>;

const wildcard = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  );

/**
 * Whether a record with `fields` passes every filter. `known` lists the filter names the operation supports
 (besides `tag:*` and `tag-key`); others fail with InvalidParameterValue.
 *
 * @example
 * matchesFilters([{ Name: 'tag:env', Values: ['prod*'] }], new Map([['tag:env', ['production']]]), []); // true
 */
export function matchesFilters(filters: readonly Ec2Filter[], fields: FilterFields, known: readonly string[]): boolean {
  return filters.every((filter) => {
    const name = filter.Name ?? '';
    if (!name.startsWith('tag:') && name !== 'tag-key' && !known.includes(name)) {
      throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    }
    const have = fields.get(name) ?? [];
    return (filter.Values ?? []).some((value) => {
      const pattern = wildcard(value);
      return have.some((candidate) => pattern.test(candidate));
    });
  });
}

/** The filter fields of a tag list: `tag:<key>` → value and `tag-key` → keys. */
export function tagFields(tags: readonly { Key: string; Value: string }[]): Array<[string, string[]]> {
  return [
    ['tag-key', tags.map((tag) => tag.Key)],
    ...tags.map((tag): [string, string[]] => [`tag:${tag.Key}`, [tag.Value]]),
  ];
}

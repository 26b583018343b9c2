/**
 * @module core/ec2/ids
 * EC2 resource ids: a prefix and 17 lower-case hex digits (`i-0123456789abcdef0`, `sg-…`, `r-…`,
 * `iip-assoc-…`), the long id format every EC2 resource has used since 2018 (EC2 User Guide, "Resource IDs").
 */

import type { Random } from '../ports.js';

/** The id prefixes iamd mints. */
export type Ec2IdPrefix = 'i' | 'r' | 'sg' | 'sgr' | 'iip-assoc' | 'vpc' | 'subnet';

/**
 * Mints an id.
 *
 * @example
 * mintEc2Id('i', random); // 'i-0f3c2a9b8d7e6f501'
 */
export function mintEc2Id(prefix: Ec2IdPrefix, random: Random): string {
  return `${prefix}-${random.bytes(9).toString('hex').slice(0, 17)}`;
}

/** Whether `id` is well-formed for `prefix` (8 or 17 hex digits, as EC2 accepts both lengths). */
export function isEc2Id(prefix: Ec2IdPrefix, id: string): boolean {
  return new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

/**
 * @module ids/unique-id
 * IAM unique IDs (`RoleId`, `UserId`, `GroupId`, `PolicyId`, …): a 4-letter type prefix plus 17 base32
 * characters, 21 in all, as real IDs look (`AROA3XFRBF535PLBIFPI4`; IAM User Guide "Unique ID prefixes",
 * Hacking-the-Cloud "IAM key identifiers").
 */
import { encodeBase32 } from './base32.js';

/**
 * `AIDA` user, `AROA` role, `ANPA` managed policy, `AIPA` instance profile, `AGPA` group,
 * `ANVA` managed-policy version, `APKA` SSH public key, `ACCA` service-specific credential.
 */
export type UniqueIdPrefix = 'AIDA' | 'AROA' | 'ANPA' | 'AIPA' | 'AGPA' | 'ANVA' | 'APKA' | 'ACCA';

/** 17 base32 characters need 85 bits: 11 bytes. */
const RANDOM_BYTES = 11;

/**
 * Mints a 21-character unique ID from at least 11 random bytes.
 *
 * @example
 * mintUniqueId('AROA', randomBytes(11)); // 'AROA' + 17 chars of A-Z2-7
 */
export function mintUniqueId(prefix: UniqueIdPrefix, random: Uint8Array): string {
  if (random.length < RANDOM_BYTES) throw new RangeError(`mintUniqueId needs at least ${RANDOM_BYTES} random bytes`);
  return prefix + encodeBase32(random.subarray(0, RANDOM_BYTES)).slice(0, 17);
}

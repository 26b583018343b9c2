/**
 * @module policy/conditions/null
 * The Null operator (IAM User Guide, "Condition operators" → Condition operator to check existence of condition
 * keys): `"true"` means "the key is absent", `"false"` means "the key is present". Values are case-insensitive
 * and OR together. A multi-valued key with no values counts as absent, the reading the docs give for values
 * "that resolve to null"; an empty string is a value (`s3:prefix=` is present: IAM-SEMANTICS.md tricky case 13).
 * Null has no `IfExists` form and takes no set prefix.
 */

import type { ContextValue } from '../types.js';

/** Tests the presence of a key against the Null operator's policy values. */
export type PresenceTest = (value: ContextValue | undefined) => boolean;

/**
 * Compiles the values of a Null condition entry.
 * @example
 * compileNull(['false'])(undefined); // false: the key must be present
 */
export function compileNull(values: readonly string[]): PresenceTest {
  const lowered = values.map((v) => v.toLowerCase());
  const wantAbsent = lowered.includes('true');
  const wantPresent = lowered.includes('false');
  return (value) => {
    const absent = value === undefined || (typeof value !== 'string' && value.length === 0);
    return absent ? wantAbsent : wantPresent;
  };
}

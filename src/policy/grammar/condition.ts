/**
 * @module policy/grammar/condition
 * Validation and normalization of the Condition element (IAM-SEMANTICS.md §4.16): `{Operator: {Key: value}}`
 * where a value is a string, number or boolean, or an array of them; values become strings (`String(v)`).
 * Empty blocks and empty arrays are accepted, as IAM does. Unknown operators are accepted with a warning (IAM
 * accepts at least those with empty maps); the engine treats them as false. Date values are checked at save
 * time, as IAM does ("The policy failed legacy parsing").
 */

import { isDateOperator, parseDate, parseOperator } from '../conditions/index.js';
import { isObject, objectOf, scalarList } from './json-shapes.js';
import { fail, LEGACY, VENDOR_PREFIX } from './messages.js';
import type { JsonValue } from './parse-json.js';

/** The normalized Condition element. */
export type ConditionBlock = Record<string, Record<string, readonly string[]>>;

/**
 * Reads a Condition element, appending warnings for operators the engine does not know.
 * @example
 * readCondition(new Map([['Bool', new Map([['aws:SecureTransport', true]])]]), []); // { Bool: { 'aws:SecureTransport': ['true'] } }
 */
export function readCondition(value: JsonValue, warnings: string[]): ConditionBlock {
  const out: ConditionBlock = {};
  for (const [operator, entries] of objectOf(value)) {
    if (!isObject(entries) || operator === '__proto__') fail(LEGACY);
    if (parseOperator(operator) === undefined && entries.size > 0) {
      warnings.push(`Unknown condition operator ${operator}: its conditions never match.`);
    }
    const keys: Record<string, readonly string[]> = {};
    for (const [key, raw] of entries) {
      if (!key.includes(':')) fail(VENDOR_PREFIX);
      const values = scalarList(raw);
      if (isDateOperator(operator) && values.some((v) => parseDate(v) === undefined)) fail(LEGACY);
      keys[key] = values;
    }
    out[operator] = keys;
  }
  return out;
}

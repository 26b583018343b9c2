/**
 * @module policy/conditions/compile-condition
 * The generic semantics of a condition entry `{Operator: {Key: [values]}}` (IAM-SEMANTICS.md §4.12–4.13):
 *
 * - absent key: positive operators false, negated operators true (tricky case 2); `…IfExists` true;
 *   `ForAllValues` true, `ForAnyValue` false (tricky case 1); the key is reported as missing;
 * - single value r: positive operators need r to match some value (OR), negated ones none of them (NOR: tricky
 *   case 3); under a set operator a single value is a one-element set;
 * - multi-valued key: `ForAnyValue` needs some r, `ForAllValues` every r, to satisfy the operator (so
 *   `ForAllValues:StringNotEquals` is "no r in the list", not the negation of `ForAllValues:StringEquals`: tricky
 *   case 4); an empty set is like an absent key, while an empty string is an ordinary value; with no set prefix
 *   the entry is false (§4.13, verify);
 * - a request value of the wrong type (not a number, not an ARN, …) satisfies neither the operator nor its negation;
 * - an unknown operator makes the entry false. That is the safe reading for Allow statements, which stop granting;
 *   for Deny statements it means the deny does not apply, so `parsePolicy` warns about unknown operators.
 *
 * Entries AND together: a statement's conditions hold when every compiled entry returns true.
 */

import type { RequestContext } from '../types.js';
import type { MissingSink } from '../variables.js';
import { compileNull } from './null.js';
import { parseOperator } from './operators.js';

/** A compiled condition entry (one operator, one key). */
export type CompiledCondition = (context: RequestContext, missing: MissingSink) => boolean;

const never: CompiledCondition = () => false;
const NO_CONDITIONS: readonly CompiledCondition[] = Object.freeze([]);

/**
 * Compiles one `{operator: {key: values}}` entry. `variables` enables `${…}` in values (Version 2012-10-17).
 * @example
 * const c = compileCondition('StringEquals', 'aws:username', ['alice'], true);
 * c(createContext({ 'aws:username': 'alice' }), { noteMissing() {} }); // true
 */
export function compileCondition(
  operator: string,
  key: string,
  values: readonly string[],
  variables: boolean,
): CompiledCondition {
  const parsed = parseOperator(operator);
  const name = key.toLowerCase();
  if (parsed === undefined) return never;
  if (parsed.kind === 'null') {
    const test = compileNull(values);
    return (context, missing) => {
      const value = context.get(name);
      if (value === undefined) missing.noteMissing(name);
      return test(value);
    };
  }
  const { spec, set, ifExists } = parsed;
  const test = spec.compile(values, variables);
  const negated = spec.negated;
  const satisfies = (r: string, context: RequestContext, missing: MissingSink): boolean => {
    const m = test(r, context, missing);
    return m === undefined ? false : m !== negated;
  };
  return (context, missing) => {
    const value = context.get(name);
    if (value === undefined) {
      missing.noteMissing(name);
      if (ifExists || set === 'all') return true;
      return set === undefined ? negated : false;
    }
    if (typeof value === 'string') return satisfies(value, context, missing);
    if (set === undefined) return false;
    if (value.length === 0) return set === 'all';
    if (set === 'any') {
      for (let i = 0; i < value.length; i++) if (satisfies(value[i] as string, context, missing)) return true;
      return false;
    }
    for (let i = 0; i < value.length; i++) if (!satisfies(value[i] as string, context, missing)) return false;
    return true;
  };
}

/**
 * Compiles a whole Condition block into its AND-ed entries.
 * @example
 * compileConditionBlock({ Bool: { 'aws:SecureTransport': ['true'] } }, true).length; // 1
 */
export function compileConditionBlock(
  block: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> | undefined,
  variables: boolean,
): readonly CompiledCondition[] {
  if (block === undefined || Object.keys(block).length === 0) return NO_CONDITIONS;
  const out: CompiledCondition[] = [];
  for (const [operator, entries] of Object.entries(block)) {
    for (const [key, values] of Object.entries(entries)) out.push(compileCondition(operator, key, values, variables));
  }
  return out;
}

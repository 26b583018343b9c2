/**
 * @module policy/conditions/operators
 * The operator table and the parsing of operator names: an optional set prefix (`ForAllValues:`,
 * `ForAnyValue:`), the base operator, and an optional `IfExists` suffix (IAM-SEMANTICS.md §4.12–4.13).
 * Adding an operator family is adding its file and one line here.
 */

import { arnOperators } from './arn.js';
import { binaryOperators } from './binary.js';
import { boolOperators } from './bool.js';
import { dateOperators } from './date.js';
import { ipOperators } from './ip.js';
import { numericOperators } from './numeric.js';
import { stringOperators } from './string.js';
import type { OperatorSpec } from './types.js';

const TABLE: ReadonlyMap<string, OperatorSpec> = new Map(
  Object.entries({
    ...stringOperators,
    ...arnOperators,
    ...boolOperators,
    ...numericOperators,
    ...dateOperators,
    ...ipOperators,
    ...binaryOperators,
  }),
);

/** Which values of a multi-valued key an operator quantifies over; `undefined` for a plain operator. */
export type SetQualifier = 'all' | 'any' | undefined;

/** A parsed operator name. */
export type ParsedOperator =
  | { readonly kind: 'compare'; readonly spec: OperatorSpec; readonly set: SetQualifier; readonly ifExists: boolean }
  | { readonly kind: 'null' };

/**
 * Parses an operator name such as `ForAnyValue:StringLikeIfExists`; `undefined` when unknown. Names are
 * case-sensitive, as written in the IAM documentation.
 * @example
 * parseOperator('NumericLessThanIfExists'); // { kind: 'compare', set: undefined, ifExists: true, … }
 */
export function parseOperator(name: string): ParsedOperator | undefined {
  if (name === 'Null') return { kind: 'null' };
  let base = name;
  let set: SetQualifier;
  if (base.startsWith('ForAllValues:')) {
    set = 'all';
    base = base.slice('ForAllValues:'.length);
  } else if (base.startsWith('ForAnyValue:')) {
    set = 'any';
    base = base.slice('ForAnyValue:'.length);
  }
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  const spec = TABLE.get(base);
  return spec === undefined ? undefined : { kind: 'compare', spec, set, ifExists };
}

/** True for the Date family, whose values IAM validates when a policy is saved. */
export function isDateOperator(name: string): boolean {
  return /^(?:ForAllValues:|ForAnyValue:)?Date(?:Equals|NotEquals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)(?:IfExists)?$/.test(
    name,
  );
}

/**
 * @module policy/conditions/numeric
 * Numeric condition operators (IAM User Guide, "Condition operators" → Numeric). Integers and decimals, no
 * variables. A policy value that is not a number never matches; a request value that is not a number matches
 * neither the operator nor NumericNotEquals (IAM-SEMANTICS.md §4.12, "Unparseable → no match").
 */

import type { OperatorSpec, OperatorTable } from './types.js';

const DECIMAL = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

/**
 * Parses an integer or decimal; `undefined` otherwise (no hex, exponents or empty strings, which `Number()` accepts).
 * @example
 * parseNumber('10.5'); // 10.5
 */
export function parseNumber(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

function op(negated: boolean, compare: (request: number, policy: number) => boolean): OperatorSpec {
  return {
    negated,
    compile: (values) => {
      const numbers = values.map(parseNumber).filter((n) => n !== undefined);
      return (value) => {
        const r = parseNumber(value);
        if (r === undefined) return undefined;
        for (const p of numbers) if (compare(r, p)) return true;
        return false;
      };
    },
  };
}

/** The Numeric family. */
export const numericOperators: OperatorTable = {
  NumericEquals: op(false, (r, p) => r === p),
  NumericNotEquals: op(true, (r, p) => r === p),
  NumericLessThan: op(false, (r, p) => r < p),
  NumericLessThanEquals: op(false, (r, p) => r <= p),
  NumericGreaterThan: op(false, (r, p) => r > p),
  NumericGreaterThanEquals: op(false, (r, p) => r >= p),
};

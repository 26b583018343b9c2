/**
 * @module policy/conditions/types
 * The contract between the generic condition semantics (absent keys, `IfExists`, set operators, negation: see
 * `compile-condition.ts`) and the operator families, which only know how to compare one request value with the
 * policy values of one condition entry.
 */

import type { RequestContext } from '../types.js';
import type { MissingSink } from '../variables.js';

/**
 * Compares one request value with the policy values, in the positive sense of the family's base operator:
 * `true` when it matches at least one of them, `false` when it matches none, and `undefined` when the request
 * value is not of the operator's type (a non-number for Numeric*, a non-ARN for Arn*): such a value satisfies
 * neither the operator nor its negation.
 */
export type ValueTest = (value: string, context: RequestContext, missing: MissingSink) => boolean | undefined;

/** One condition operator of a family, e.g. `StringNotLike`. */
export interface OperatorSpec {
  /** Negated operators (StringNot*, ArnNot*, NumericNotEquals, DateNotEquals, NotIpAddress) NOR their values. */
  readonly negated: boolean;
  /**
   * Prepares the test once per policy. `variables` is true for `Version: 2012-10-17` documents, where the
   * families that support policy variables (String, Arn) substitute `${…}` in the values.
   */
  readonly compile: (values: readonly string[], variables: boolean) => ValueTest;
}

/** The operators one family file contributes, by name. */
export type OperatorTable = Readonly<Record<string, OperatorSpec>>;

/**
 * @module policy/conditions
 * Condition operators, one file per family, and the generic absent/IfExists/set-operator semantics.
 */

export { type CompiledCondition, compileCondition, compileConditionBlock } from './compile-condition.js';
export { parseDate } from './date.js';
export { parseCidr, parseIp } from './ip.js';
export { parseNumber } from './numeric.js';
export { isDateOperator, type ParsedOperator, parseOperator, type SetQualifier } from './operators.js';
export type { OperatorSpec, OperatorTable, ValueTest } from './types.js';

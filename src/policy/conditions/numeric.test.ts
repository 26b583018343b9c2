import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { ContextValue } from '../types.js';
import { compileCondition } from './compile-condition.js';
import { parseNumber } from './numeric.js';

const check = (op: string, values: string[], value: ContextValue | undefined) =>
  compileCondition(op, 's3:max-keys', values, true)(createContext({ 's3:max-keys': value }), { noteMissing() {} });

describe('Numeric operators', () => {
  it.each([
    ['NumericEquals', '10', '10.0', true],
    ['NumericEquals', '10', '11', false],
    ['NumericNotEquals', '10', '11', true],
    ['NumericNotEquals', '10', '10', false],
    ['NumericLessThan', '10', '9.5', true],
    ['NumericLessThan', '10', '10', false],
    ['NumericLessThanEquals', '10', '10', true],
    ['NumericGreaterThan', '10', '10', false],
    ['NumericGreaterThan', '10', '11', true],
    ['NumericGreaterThanEquals', '-1', '-1', true],
  ])('%s %s vs request %s → %s', (op, policy, request, expected) => {
    expect(check(op, [policy], request)).toBe(expected);
  });

  it('never matches unparseable values, negated or not', () => {
    expect(check('NumericEquals', ['10'], 'ten')).toBe(false);
    expect(check('NumericNotEquals', ['10'], 'ten')).toBe(false);
    expect(check('NumericEquals', ['ten', '5'], '5')).toBe(true);
    expect(check('NumericLessThan', ['0x10'], '1')).toBe(false);
  });

  it('is strict about number syntax', () => {
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('1e3')).toBeUndefined();
    expect(parseNumber('0x10')).toBeUndefined();
    expect(parseNumber('+.5')).toBe(0.5);
  });
});

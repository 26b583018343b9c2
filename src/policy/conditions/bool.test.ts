import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { ContextValue } from '../types.js';
import { compileCondition } from './compile-condition.js';

const check = (op: string, values: string[], value: ContextValue | undefined) =>
  compileCondition(
    op,
    'aws:MultiFactorAuthPresent',
    values,
    true,
  )(createContext({ 'aws:multifactorauthpresent': value }), () => {});

describe('Bool', () => {
  it('compares case-insensitively on both sides', () => {
    expect(check('Bool', ['true'], 'true')).toBe(true);
    expect(check('Bool', ['True'], 'TRUE')).toBe(true);
    expect(check('Bool', ['false'], 'true')).toBe(false);
  });

  it('never matches a non-boolean request value', () => {
    expect(check('Bool', ['true'], 'yes')).toBe(false);
    expect(check('Bool', ['false'], '')).toBe(false);
  });

  it('is false on an absent key, so Bool false does not match long-term keys (tricky case 14)', () => {
    expect(check('Bool', ['false'], undefined)).toBe(false);
    expect(check('BoolIfExists', ['false'], undefined)).toBe(true);
    expect(check('BoolIfExists', ['false'], 'true')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { ContextValue } from '../types.js';
import { compileCondition, compileConditionBlock } from './compile-condition.js';

const run = (op: string, values: string[], value: ContextValue | undefined) => {
  const missing: string[] = [];
  const result = compileCondition(
    op,
    'aws:TagKeys',
    values,
    true,
  )(createContext({ 'aws:TagKeys': value }), { noteMissing: (k: string) => missing.push(k) });
  return { result, missing };
};
const check = (op: string, values: string[], value: ContextValue | undefined) => run(op, values, value).result;

describe('absent keys', () => {
  it('make positive operators false and negated ones true (tricky case 2)', () => {
    expect(check('StringEquals', ['a'], undefined)).toBe(false);
    expect(check('StringNotEquals', ['a'], undefined)).toBe(true);
    expect(check('ArnNotLike', ['arn:aws:iam::*:role/x'], undefined)).toBe(true);
    expect(check('NumericNotEquals', ['1'], undefined)).toBe(true);
  });

  it('make IfExists operators true, positive or negated', () => {
    expect(check('StringEqualsIfExists', ['a'], undefined)).toBe(true);
    expect(check('StringNotEqualsIfExists', ['a'], undefined)).toBe(true);
    expect(check('StringEqualsIfExists', ['a'], 'b')).toBe(false);
  });

  it('are recorded as missing, lower-cased', () => {
    expect(run('StringEquals', ['a'], undefined).missing).toEqual(['aws:tagkeys']);
    expect(run('StringEquals', ['a'], 'a').missing).toEqual([]);
  });
});

describe('set operators (§4.13, tricky cases 1 and 4)', () => {
  it('ForAllValues is true for absent and empty keys, ForAnyValue false', () => {
    expect(check('ForAllValues:StringEquals', ['a'], undefined)).toBe(true);
    expect(check('ForAllValues:StringEquals', ['a'], [])).toBe(true);
    expect(check('ForAnyValue:StringEquals', ['a'], undefined)).toBe(false);
    expect(check('ForAnyValue:StringEquals', ['a'], [])).toBe(false);
  });

  it('ForAllValues needs every value in the list, ForAnyValue one', () => {
    expect(check('ForAllValues:StringEquals', ['a', 'b'], ['a', 'b'])).toBe(true);
    expect(check('ForAllValues:StringEquals', ['a', 'b'], ['a', 'c'])).toBe(false);
    expect(check('ForAnyValue:StringEquals', ['a', 'b'], ['c', 'b'])).toBe(true);
    expect(check('ForAnyValue:StringEquals', ['a', 'b'], ['c', 'd'])).toBe(false);
  });

  it('ForAllValues:StringNotEquals means "none of the values is in the list", not NOT ForAllValues:StringEquals', () => {
    expect(check('ForAllValues:StringNotEquals', ['a', 'b'], ['c', 'd'])).toBe(true);
    expect(check('ForAllValues:StringNotEquals', ['a', 'b'], ['c', 'a'])).toBe(false);
    // ['c', 'a'] is not all-in-list, so the negation of ForAllValues:StringEquals would be true here.
    expect(!check('ForAllValues:StringEquals', ['a', 'b'], ['c', 'a'])).toBe(true);
    expect(check('ForAnyValue:StringNotEquals', ['a', 'b'], ['a', 'c'])).toBe(true);
    expect(check('ForAnyValue:StringNotEquals', ['a', 'b'], ['a', 'b'])).toBe(false);
  });

  it('treat a single value as a one-element set', () => {
    expect(check('ForAnyValue:StringEquals', ['a'], 'a')).toBe(true);
    expect(check('ForAllValues:StringLike', ['a*'], 'abc')).toBe(true);
  });

  it('accept IfExists: an absent key is then true even for ForAnyValue (tricky case 25)', () => {
    expect(check('ForAnyValue:StringEqualsIfExists', ['a'], undefined)).toBe(true);
    expect(check('ForAnyValue:StringEqualsIfExists', ['a'], [])).toBe(false);
  });
});

describe('multi-valued keys under plain operators', () => {
  it('never match, positive or negated (§4.13, verify)', () => {
    expect(check('StringEquals', ['a'], ['a'])).toBe(false);
    expect(check('StringNotEquals', ['a'], ['b'])).toBe(false);
  });
});

describe('operators and blocks', () => {
  it('make unknown operators false', () => {
    expect(check('StringEqualz', ['a'], 'a')).toBe(false);
    expect(check('stringequals', ['a'], 'a')).toBe(false);
  });

  it('look keys up case-insensitively (tricky case 10)', () => {
    const c = compileCondition('StringEquals', 'AWS:PrincipalTag/Dept', ['eng'], true);
    expect(c(createContext({ 'aws:principaltag/dept': 'eng' }), { noteMissing() {} })).toBe(true);
    expect(c(createContext({ 'AWS:PRINCIPALTAG/DEPT': 'eng' }), { noteMissing() {} })).toBe(true);
  });

  it('compile one entry per operator and key', () => {
    const block = { StringEquals: { 'a:x': ['1'], 'a:y': ['2'] }, Bool: { 'a:z': ['true'] } };
    const entries = compileConditionBlock(block, true);
    expect(entries).toHaveLength(3);
    const ctx = createContext({ 'a:x': '1', 'a:y': '2', 'a:z': 'true' });
    expect(entries.every((e) => e(ctx, { noteMissing() {} }))).toBe(true);
    const partial = createContext({ 'a:x': '1', 'a:y': '3', 'a:z': 'true' });
    expect(entries.every((e) => e(partial, { noteMissing() {} }))).toBe(false);
  });
});

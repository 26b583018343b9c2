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
  )(createContext({ 'aws:multifactorauthpresent': value }), { noteMissing() {} });

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

describe('Bool with policy variables', () => {
  const withVar = (values: string[], ctx: Record<string, ContextValue>, variables = true) =>
    compileCondition('Bool', 'aws:SecureTransport', values, variables)(createContext(ctx), { noteMissing() {} });

  it('resolves ${…} per request (2012-10-17 documents)', () => {
    const ctx = { 'aws:SecureTransport': 'true', 'aws:ViaAWSService': 'TRUE' };
    expect(withVar(['${aws:ViaAWSService}'], ctx)).toBe(true);
    expect(withVar(['${aws:ViaAWSService}'], { ...ctx, 'aws:ViaAWSService': 'false' })).toBe(false);
    expect(withVar(["${aws:Missing, 'true'}"], ctx)).toBe(true);
  });

  it('never matches a variable that does not resolve or is not a boolean', () => {
    expect(withVar(['${aws:Missing}'], { 'aws:SecureTransport': 'true' })).toBe(false);
    expect(withVar(['${aws:username}'], { 'aws:SecureTransport': 'true', 'aws:username': 'true-ish' })).toBe(false);
  });

  it('keeps ${…} literal in older documents, where it is not a boolean', () => {
    expect(
      withVar(['${aws:ViaAWSService}'], { 'aws:SecureTransport': 'true', 'aws:ViaAWSService': 'true' }, false),
    ).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { ContextValue } from '../types.js';
import { compileCondition } from './compile-condition.js';

const check = (values: string[], value: ContextValue | undefined, op = 'Null') => {
  const missing: string[] = [];
  const result = compileCondition(
    op,
    'aws:TagKeys',
    values,
    true,
  )(createContext({ 'aws:tagkeys': value }), { noteMissing: (k: string) => missing.push(k) });
  return { result, missing };
};

describe('Null', () => {
  it('"true" means absent, "false" means present', () => {
    expect(check(['true'], undefined).result).toBe(true);
    expect(check(['true'], ['a']).result).toBe(false);
    expect(check(['false'], ['a']).result).toBe(true);
    expect(check(['false'], undefined).result).toBe(false);
    expect(check(['FALSE'], 'x').result).toBe(true);
  });

  it('counts an empty multi-valued key as null but an empty string as a value', () => {
    expect(check(['true'], []).result).toBe(true);
    expect(check(['false'], '').result).toBe(true);
  });

  it('reports the absent key as missing', () => {
    expect(check(['true'], undefined).missing).toEqual(['aws:tagkeys']);
  });

  it('has no IfExists form: NullIfExists is unknown and therefore false', () => {
    expect(check(['true'], undefined, 'NullIfExists').result).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { compileCondition } from './compile-condition.js';

const check = (values: string[], value: string) =>
  compileCondition(
    'BinaryEquals',
    'test:Bytes',
    values,
    true,
  )(createContext({ 'test:bytes': value }), { noteMissing() {} });

describe('BinaryEquals', () => {
  it('compares decoded bytes', () => {
    expect(check(['QmluYXJ5'], 'QmluYXJ5')).toBe(true);
    expect(check(['QmluYXJ5'], 'QmluYXJ6')).toBe(false);
    expect(check(['YQ=='], 'YQ')).toBe(true);
  });

  it('never matches a value that is not base64', () => {
    expect(check(['YQ=='], 'not base64!')).toBe(false);
  });
});

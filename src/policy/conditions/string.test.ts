import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { ContextValue } from '../types.js';
import { compileCondition } from './compile-condition.js';

const check = (
  op: string,
  values: string[],
  value: ContextValue | undefined,
  extra: Record<string, ContextValue> = {},
) =>
  compileCondition(op, 'test:Key', values, true)(createContext({ 'test:key': value, ...extra }), { noteMissing() {} });

describe('String operators', () => {
  it('StringEquals is exact and case-sensitive, OR over values', () => {
    expect(check('StringEquals', ['a', 'b'], 'b')).toBe(true);
    expect(check('StringEquals', ['a', 'b'], 'B')).toBe(false);
    expect(check('StringEquals', ['a*'], 'abc')).toBe(false);
  });

  it('StringNotEquals is NOR over values', () => {
    expect(check('StringNotEquals', ['a', 'b'], 'c')).toBe(true);
    expect(check('StringNotEquals', ['a', 'b'], 'a')).toBe(false);
    expect(check('StringNotEquals', ['a', 'b'], 'b')).toBe(false);
  });

  it('IgnoreCase variants fold case', () => {
    expect(check('StringEqualsIgnoreCase', ['Dept-A'], 'dept-a')).toBe(true);
    expect(check('StringNotEqualsIgnoreCase', ['Dept-A'], 'DEPT-A')).toBe(false);
    expect(check('StringNotEqualsIgnoreCase', ['Dept-A'], 'dept-b')).toBe(true);
  });

  it('StringLike globs across newlines and is case-sensitive', () => {
    expect(check('StringLike', ['home/*'], 'home/a\nb')).toBe(true);
    expect(check('StringLike', ['home/?'], 'home/ab')).toBe(false);
    expect(check('StringLike', ['Home/*'], 'home/x')).toBe(false);
    expect(check('StringNotLike', ['home/*', 'tmp/*'], 'etc/x')).toBe(true);
    expect(check('StringNotLike', ['home/*', 'tmp/*'], 'tmp/x')).toBe(false);
  });

  it('substitutes policy variables literally', () => {
    expect(check('StringEquals', ['${aws:username}'], 'alice', { 'aws:username': 'alice' })).toBe(true);
    expect(check('StringLike', ['home/${aws:username}/*'], 'home/a*/x', { 'aws:username': 'a*' })).toBe(true);
    expect(check('StringLike', ['home/${aws:username}/*'], 'home/abc/x', { 'aws:username': 'a*' })).toBe(false);
    expect(check('StringEquals', ['${aws:username}'], '${aws:username}')).toBe(false);
    expect(check('StringEquals', ["${aws:username, 'nobody'}"], 'nobody')).toBe(true);
  });

  it('keeps variables literal when they are disabled (Version 2008-10-17)', () => {
    const c = compileCondition('StringEquals', 'test:key', ['${aws:username}'], false);
    expect(c(createContext({ 'test:key': '${aws:username}', 'aws:username': 'x' }), { noteMissing() {} })).toBe(true);
    const like = compileCondition('StringLike', 'test:key', ['a\\*'], false);
    expect(like(createContext({ 'test:key': 'a\\bc' }), { noteMissing() {} })).toBe(true);
  });
});

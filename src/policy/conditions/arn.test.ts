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
  compileCondition(
    op,
    'aws:SourceArn',
    values,
    true,
  )(createContext({ 'aws:sourcearn': value, ...extra }), { noteMissing() {} });

const ROLE = 'arn:aws:iam::111122223333:role/path/app';

describe('ARN operators', () => {
  it('ArnEquals and ArnLike both glob field by field', () => {
    expect(check('ArnEquals', ['arn:aws:iam::111122223333:role/*'], ROLE)).toBe(true);
    expect(check('ArnLike', ['arn:aws:iam::*:role/path/app'], ROLE)).toBe(true);
    expect(check('ArnLike', ['arn:aws:iam::444455556666:role/*'], ROLE)).toBe(false);
  });

  it('does not let * in one field swallow the colon into the next', () => {
    // As a whole-string glob this would match; field by field the account field cannot span a colon.
    expect(check('ArnLike', ['arn:aws:iam::1*3:role/x'], 'arn:aws:iam::1:2:3:role/x')).toBe(false);
    expect(check('ArnLike', ['arn:aws:s3:::b*'], 'arn:aws:s3:::b/k:v')).toBe(true);
  });

  it('matches the empty region and account with *', () => {
    expect(check('ArnLike', ['arn:aws:s3:*:*:bucket'], 'arn:aws:s3:::bucket')).toBe(true);
  });

  it('treats a non-ARN request value as matching neither the operator nor its negation', () => {
    expect(check('ArnLike', ['*'], 'not-an-arn')).toBe(false);
    expect(check('ArnNotLike', ['arn:aws:iam::*:role/x'], 'not-an-arn')).toBe(false);
  });

  it('ArnNotEquals / ArnNotLike are NOR', () => {
    expect(check('ArnNotLike', ['arn:aws:iam::*:role/other', 'arn:aws:iam::*:user/*'], ROLE)).toBe(true);
    expect(check('ArnNotEquals', ['arn:aws:iam::*:role/other', 'arn:aws:iam::*:role/path/*'], ROLE)).toBe(false);
  });

  it('substitutes variables, literally', () => {
    expect(check('ArnEquals', ['${aws:PrincipalArn}'], ROLE, { 'aws:PrincipalArn': ROLE })).toBe(true);
    expect(
      check('ArnLike', ['arn:aws:iam::${aws:PrincipalAccount}:role/*'], ROLE, {
        'aws:PrincipalAccount': '111122223333',
      }),
    ).toBe(true);
    expect(check('ArnLike', ['arn:aws:iam::111122223333:role/${x:n}'], ROLE, { 'x:n': 'path/*' })).toBe(false);
    expect(check('ArnLike', ['arn:aws:iam::111122223333:role/${x:missing}'], ROLE)).toBe(false);
  });
});

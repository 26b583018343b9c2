import { describe, expect, it } from 'vitest';
import { ArnView } from './arn-fields.js';
import { createContext } from './context.js';
import { compileResources } from './resource-matcher.js';
import type { ContextValue } from './types.js';

const matches = (patterns: string[], resource: string, ctx: Record<string, ContextValue> = {}, variables = true) => {
  const missing: string[] = [];
  const result = compileResources(patterns, variables)(new ArnView(resource), createContext(ctx), {
    noteMissing: (k: string) => missing.push(k),
  });
  return { result, missing };
};
const m = (patterns: string[], resource: string, ctx: Record<string, ContextValue> = {}, variables = true) =>
  matches(patterns, resource, ctx, variables).result;

describe('compileResources', () => {
  it('matches case-sensitively', () => {
    expect(m(['arn:aws:s3:::Bucket/*'], 'arn:aws:s3:::Bucket/k')).toBe(true);
    expect(m(['arn:aws:s3:::Bucket/*'], 'arn:aws:s3:::bucket/k')).toBe(false);
  });

  it('lets * in the resource field span / and :', () => {
    expect(m(['arn:aws:s3:::b/*'], 'arn:aws:s3:::b/x/y:z')).toBe(true);
    expect(
      m(
        ['arn:aws:logs:us-east-1:111122223333:log-group:*'],
        'arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s',
      ),
    ).toBe(true);
  });

  it('matches field by field: region and account wildcards, service literal', () => {
    expect(m(['arn:aws:s3:*:*:bucket'], 'arn:aws:s3:::bucket')).toBe(true);
    expect(m(['arn:aws:ec2:*:111122223333:instance/*'], 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1')).toBe(true);
    expect(m(['arn:aws:ec2:*:111122223333:instance/*'], 'arn:aws:ec2:eu-west-1:444455556666:instance/i-1')).toBe(false);
    expect(m(['arn:aws:s3:::b*'], 'arn:aws:s3:::bucket-other')).toBe(true);
    expect(m(['arn:aws:s3:::b'], 'arn:aws:s3x:::b')).toBe(false);
  });

  it('distinguishes a bucket from its objects (tricky case 13)', () => {
    expect(m(['arn:aws:s3:::bucket'], 'arn:aws:s3:::bucket/key')).toBe(false);
    expect(m(['arn:aws:s3:::bucket/*'], 'arn:aws:s3:::bucket')).toBe(false);
  });

  it('only the bare * matches actions without a resource type', () => {
    expect(m(['*'], '*')).toBe(true);
    expect(m(['arn:aws:s3:::*'], '*')).toBe(false);
  });

  it('substitutes variables in the resource field, literally', () => {
    const pattern = ['arn:aws:s3:::home/${aws:username}/*'];
    expect(m(pattern, 'arn:aws:s3:::home/alice/notes', { 'aws:username': 'alice' })).toBe(true);
    expect(m(pattern, 'arn:aws:s3:::home/bob/notes', { 'aws:username': 'alice' })).toBe(false);
    expect(m(pattern, 'arn:aws:s3:::home/anything/notes', { 'aws:username': '*' })).toBe(false);
    expect(m(pattern, 'arn:aws:s3:::home/*/notes', { 'aws:username': '*' })).toBe(true);
  });

  it('makes an entry with an unresolvable variable match nothing, never its literal text', () => {
    const r = matches(['arn:aws:s3:::home/${aws:username}/*'], 'arn:aws:s3:::home/${aws:username}/x');
    expect(r.result).toBe(false);
    expect(r.missing).toEqual(['aws:username']);
    expect(m(['arn:aws:s3:::home/${aws:username}/*'], 'arn:aws:s3:::home/x/y', { 'aws:username': ['x'] })).toBe(false);
  });

  it('uses defaults and escapes', () => {
    expect(m(["arn:aws:s3:::home/${aws:username, 'guest'}/*"], 'arn:aws:s3:::home/guest/a')).toBe(true);
    expect(m(['arn:aws:s3:::b/${*}${?}${$}'], 'arn:aws:s3:::b/*?$')).toBe(true);
    expect(m(['arn:aws:s3:::b/${*}'], 'arn:aws:s3:::b/x')).toBe(false);
  });

  it('keeps ${…} literal when variables are disabled (Version 2008-10-17)', () => {
    expect(
      m(['arn:aws:s3:::home/${aws:username}/*'], 'arn:aws:s3:::home/alice/x', { 'aws:username': 'alice' }, false),
    ).toBe(false);
    expect(m(['arn:aws:s3:::home/${aws:username}/*'], 'arn:aws:s3:::home/${aws:username}/x', {}, false)).toBe(true);
  });

  it('does not substitute outside the resource field', () => {
    expect(m(['arn:aws:s3:::${x:b}'], 'arn:aws:s3:::b', { 'x:b': 'b' })).toBe(true);
    expect(
      m(['arn:aws:iam::${aws:PrincipalAccount}:user/x'], 'arn:aws:iam::111122223333:user/x', {
        'aws:PrincipalAccount': '111122223333',
      }),
    ).toBe(false);
  });
});

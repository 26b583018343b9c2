import { describe, expect, it } from 'vitest';
import { compileActions, describeActions } from './action-matcher.js';

const matches = (actions: string[], action: string) => compileActions(actions)(action.toLowerCase());

describe('compileActions', () => {
  it('matches case-insensitively on both sides', () => {
    expect(matches(['s3:GetObject'], 'S3:getobject')).toBe(true);
    expect(matches(['S3:GETOBJECT'], 's3:GetObject')).toBe(true);
  });

  it('globs the action name with * and ?', () => {
    expect(matches(['s3:Get*'], 's3:GetObjectAcl')).toBe(true);
    expect(matches(['s3:*Object'], 's3:PutObject')).toBe(true);
    expect(matches(['s3:?etObject'], 's3:GetObject')).toBe(true);
    expect(matches(['s3:Get*'], 's3:PutObject')).toBe(false);
  });

  it('keeps the service prefix literal: only the bare * matches every service', () => {
    expect(matches(['*'], 'iam:CreateUser')).toBe(true);
    expect(matches(['s3:*'], 'iam:CreateUser')).toBe(false);
    expect(matches(['s3:*'], 's3x:GetObject')).toBe(false);
    expect(matches(['*:GetObject'], 's3:GetObject')).toBe(false);
    expect(matches(['s*:GetObject'], 's3:GetObject')).toBe(false);
  });

  it('ignores malformed entries instead of matching them', () => {
    expect(matches(['s3:Get:Object', 'GetObject'], 's3:GetObject')).toBe(false);
  });
});

describe('describeActions', () => {
  it('lists exact actions lower-cased and the services of wildcard entries', () => {
    const shape = describeActions(['s3:GetObject', 'S3:List*', 'iam:PassRole', 'bad']);
    expect(shape.all).toBe(false);
    expect(shape.exact).toEqual(['s3:getobject', 'iam:passrole']);
    expect([...shape.globServices]).toEqual(['s3']);
  });

  it('reports the bare * as all actions', () => {
    expect(describeActions(['s3:GetObject', '*']).all).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { compileActions } from './action-matcher.js';

const matches = (actions: string[], action: string) => {
  const [service, name] = action.toLowerCase().split(':') as [string, string];
  return compileActions(actions)(service, name);
};

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
    expect(matches(['*:GetObject'], 's3:GetObject')).toBe(false);
    expect(matches(['s*:GetObject'], 's3:GetObject')).toBe(false);
  });

  it('ignores malformed entries instead of matching them', () => {
    expect(matches(['s3:Get:Object', 'GetObject'], 's3:GetObject')).toBe(false);
  });
});

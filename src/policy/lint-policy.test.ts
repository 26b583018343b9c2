import { describe, expect, it } from 'vitest';
import { parsePolicy } from './grammar/index.js';
import { lintPolicy } from './lint-policy.js';
import { validatePolicy } from './validate-policy.js';

const knownActions = new Set(['s3:getobject', 's3:listbucket', 'sts:assumerole']);
const text = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Ok', Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: '*' },
    { Sid: 'Typo', Effect: 'Allow', NotAction: 's3:GetObjct', Resource: '*' },
    {
      Effect: 'Deny',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEqualsAnyCase: { 'aws:username': 'x' } },
    },
  ],
});

describe('lintPolicy', () => {
  it('reports unknown actions, services and operators with their statement', () => {
    const parsed = parsePolicy(text, 'identity');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(lintPolicy(parsed.policy, { knownActions })).toEqual([
      {
        statement: 1,
        sid: 'Typo',
        code: 'UnknownAction',
        message: 'Unknown action s3:GetObjct: s3 has no action of that name.',
      },
      { statement: 2, code: 'UnknownService', message: 'Unknown service prefix "kms" in kms:Decrypt.' },
      {
        statement: 2,
        code: 'UnknownOperator',
        message: 'Unknown condition operator StringEqualsAnyCase: its conditions never match.',
      },
    ]);
  });
});

describe('validatePolicy', () => {
  it('returns the parse error for invalid documents', () => {
    expect(validatePolicy('{"Statement":[]}', 'identity')).toEqual({
      ok: false,
      error: 'Policy document must be version 2012-10-17 or greater.',
      code: 'MalformedPolicyDocument',
    });
  });

  it('lints valid documents: operators always, actions only against a catalogue', () => {
    const bare = validatePolicy(text, 'identity');
    expect(bare.ok && bare.findings.map((f) => f.code)).toEqual(['UnknownOperator']);
    const full = validatePolicy(text, 'identity', { knownActions });
    expect(full.ok && full.findings.map((f) => f.code)).toEqual(['UnknownAction', 'UnknownService', 'UnknownOperator']);
  });
});

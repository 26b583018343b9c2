import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.js';
import { type CandidateList, indexOf, indexStatements } from './compiled-statement.js';
import { createContext } from './context.js';
import { evaluate } from './evaluate.js';
import { parsePolicy } from './grammar/index.js';
import type { CompiledPolicy } from './types.js';

const parsed = parsePolicy(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'S3', Effect: 'Allow', Action: ['s3:GetObject', 'S3:List*'], Resource: '*' },
      { Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'Ec2', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' },
      { Sid: 'NotIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      { Sid: 'Both', Effect: 'Allow', Action: ['ec2:RunInstances', 's3:PutObject'], Resource: '*' },
    ],
  }),
  'identity',
);
if (!parsed.ok) throw new Error(parsed.error);
const policy = compilePolicy(parsed.policy, 'p', 'identity');
const index = indexOf(policy);
if (index === undefined) throw new Error('compilePolicy builds an index');
const sids = (list: CandidateList | undefined) => list?.statements.map((s) => s.sid);

describe('compilePolicy', () => {
  it('labels the policy and keeps one compiled statement per statement', () => {
    expect(policy.source).toBe('p');
    expect(policy.layer).toBe('identity');
    expect(policy.statements).toHaveLength(5);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('decides the action at compile time for every action a statement names exactly', () => {
    expect(sids(index.byAction.get('s3:getobject'))).toEqual(['S3', 'Everything', 'NotIam']);
    expect(sids(index.byAction.get('s3:putobject'))).toEqual(['Everything', 'NotIam', 'Both']);
    expect(sids(index.byAction.get('ec2:runinstances'))).toEqual(['Everything', 'NotIam', 'Both']);
    expect(index.byAction.has('s3:listbucket')).toBe(false);
  });

  it('keeps, per named service, the statements whose action still needs testing, in document order', () => {
    expect(sids(index.byService.get('s3'))).toEqual(['S3', 'Everything', 'NotIam']);
    expect(sids(index.byService.get('ec2'))).toEqual(['Everything', 'Ec2', 'NotIam']);
    expect(sids(index.other)).toEqual(['Everything', 'NotIam']);
    expect(indexStatements([]).other.statements).toEqual([]);
  });

  it('decides the same with and without the index', () => {
    const unindexed: CompiledPolicy = { source: 'p', layer: 'identity', statements: policy.statements };
    const principal = { type: 'User', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/a' } as const;
    for (const action of ['s3:ListBucket', 'ec2:DescribeVpcs', 'iam:CreateUser', 'sqs:SendMessage']) {
      const request = { principal, action, resource: '*', context: createContext({}) };
      expect(evaluate(request, { identity: [unindexed] })).toEqual(evaluate(request, { identity: [policy] }));
    }
    const request = { principal, action: 's3:ListBucket', resource: '*', context: createContext({}) };
    expect(evaluate(request, { identity: [policy] }).matched.map((m) => m.sid)).toEqual(['S3', 'Everything', 'NotIam']);
  });

  it('enables policy variables only for Version 2012-10-17', () => {
    const statement = {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::h/${aws:username}',
    };
    const request = {
      principal: { type: 'Anonymous' } as const,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::h/x',
      context: createContext({ 'aws:username': 'x' }),
    };
    for (const [version, outcome] of [
      ['2012-10-17', 'Allow'],
      ['2008-10-17', 'ImplicitDeny'],
    ] as const) {
      const r = parsePolicy(JSON.stringify({ Version: version, Statement: statement }), 'resource');
      if (!r.ok) throw new Error(r.error);
      expect(evaluate(request, { resource: compilePolicy(r.policy, 'b', 'resource') }).outcome).toBe(outcome);
    }
  });
});

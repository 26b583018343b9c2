import { describe, expect, it } from 'vitest';
import { compilePolicy, mergePolicies } from './compile-policy.js';
import { indexOf } from './compiled-statement.js';
import { createContext } from './context.js';
import { evaluate } from './evaluate.js';
import { parsePolicy } from './grammar/index.js';
import { patternKey, statementKeys } from './resource-key.js';
import type { CompiledPolicy } from './types.js';

describe('patternKey', () => {
  it.each<[string, string | undefined]>([
    ['arn:aws:s3:::photos/2024/*', 'arn:aws:s3:::photos'],
    ['arn:aws:s3:::photos', 'arn:aws:s3:::photos'],
    ['arn:aws:sqs:us-east-1:111122223333:queue', 'arn:aws:sqs:us-east-1:111122223333:queue'],
    ['arn:aws:s3:::photos*', undefined],
    ['arn:aws:s3:::*/x', undefined],
    ['arn:aws:ec2:*:111122223333:instance/i-1', undefined],
    ['arn:aws:s3:::${aws:username}/x', undefined],
    ['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::home'],
    ['*', undefined],
  ])('%s → %s', (pattern, key) => {
    expect(patternKey(pattern)).toBe(key);
  });

  it('gives a statement all its keys, or none when one pattern has no key or it uses NotResource', () => {
    expect(statementKeys(['arn:aws:s3:::a', 'arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'], false)).toEqual([
      'arn:aws:s3:::a',
      'arn:aws:s3:::b',
    ]);
    expect(statementKeys(['arn:aws:s3:::a', '*'], false)).toBeUndefined();
    expect(statementKeys(['arn:aws:s3:::a'], true)).toBeUndefined();
    expect(statementKeys(undefined, false)).toBeUndefined();
  });
});

describe('candidate lists split by resource key', () => {
  const statements = [
    ...Array.from({ length: 12 }, (_, i) => ({
      Sid: `Bucket${i}`,
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    })),
    { Sid: 'AnyBucket', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-*/public/*' },
    { Sid: 'Deny3', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket-3/secret/*' },
  ];
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
  if (!parsed.ok) throw new Error(parsed.error);
  const policy = compilePolicy(parsed.policy, 'p', 'identity');
  const unindexed: CompiledPolicy = { source: 'p', layer: 'identity', statements: policy.statements };
  const principal = { type: 'User', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/a' } as const;
  const decide = (p: CompiledPolicy, resource: string) =>
    evaluate({ principal, action: 's3:GetObject', resource, context: createContext({}) }, { identity: [p] });

  it('splits long lists and keeps the statements without a key apart', () => {
    const list = indexOf(policy)?.byAction.get('s3:getobject');
    expect(list?.byKey?.size).toBe(12);
    expect(list?.byKey?.get('arn:aws:s3:::bucket-3')?.statements.map((s) => s.sid)).toEqual(['Bucket3', 'Deny3']);
    expect(list?.unkeyed.statements.map((s) => s.sid)).toEqual(['AnyBucket']);
  });

  it.each([
    'arn:aws:s3:::bucket-3/public/a',
    'arn:aws:s3:::bucket-3/secret/a',
    'arn:aws:s3:::bucket-11/x',
    'arn:aws:s3:::bucket-99/public/x',
    'arn:aws:s3:::bucket-1',
    '*',
  ])('decides %s exactly as a full scan, reporting in document order', (resource) => {
    expect(decide(policy, resource)).toEqual(decide(unindexed, resource));
  });

  it('reports merged-back statements in document order', () => {
    expect(decide(policy, 'arn:aws:s3:::bucket-3/public/secret/x').matched.map((m) => m.sid)).toEqual([
      'Bucket3',
      'AnyBucket',
    ]);
    expect(decide(policy, 'arn:aws:s3:::bucket-3/secret/x').matched.map((m) => m.sid)).toEqual(['Bucket3', 'Deny3']);
  });

  it('survives mergePolicies, which decides like the list of policies', () => {
    const second = compilePolicy(parsed.policy, 'q', 'identity');
    const merged = mergePolicies([policy, second], 'both');
    for (const resource of ['arn:aws:s3:::bucket-3/secret/a', 'arn:aws:s3:::bucket-5/k', 'arn:aws:s3:::other/k']) {
      const request = { principal, action: 's3:GetObject', resource, context: createContext({}) };
      expect(evaluate(request, { identity: [merged] })).toEqual(evaluate(request, { identity: [policy, second] }));
    }
    expect(() => mergePolicies([], 'none')).toThrow(TypeError);
    expect(() => mergePolicies([policy, compilePolicy(parsed.policy, 'b', 'boundary')], 'mixed')).toThrow(TypeError);
  });
});

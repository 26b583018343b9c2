import { describe, expect, it } from 'vitest';
import { type AuditEvent, auditEventOf, type CloudTrailRecord } from './audit-event.js';
import { generaliseResources, generatePolicy } from './policy-generation.js';

const session = (roleName: string, authorized: AuditEvent['authorized'], account = '000000000000'): AuditEvent =>
  auditEventOf(
    {
      userIdentity: {
        type: 'AssumedRole',
        sessionContext: { sessionIssuer: { type: 'Role', userName: roleName, accountId: account } },
      },
    } as unknown as CloudTrailRecord,
    { accountId: account, time: new Date(0), resources: [], authorized },
  );

describe('generaliseResources', () => {
  it('keeps single resources exact and merges only siblings', () => {
    expect(generaliseResources(['arn:aws:s3:::b/a.txt'])).toEqual(['arn:aws:s3:::b/a.txt']);
    expect(generaliseResources(['arn:aws:s3:::b/logs/1', 'arn:aws:s3:::b/logs/2', 'arn:aws:s3:::b/x'])).toEqual([
      'arn:aws:s3:::b/logs/*',
      'arn:aws:s3:::b/x',
    ]);
    expect(generaliseResources(['arn:aws:s3:::b', 'arn:aws:s3:::c'])).toEqual(['arn:aws:s3:::b', 'arn:aws:s3:::c']);
    expect(generaliseResources(['*', 'arn:aws:s3:::b'])).toEqual(['*']);
  });
});

describe('generatePolicy', () => {
  it("allows what the role's sessions were allowed, grouping actions with the same resources", () => {
    const events = [
      session('app', [{ action: 's3:ListBucket', resource: 'arn:aws:s3:::b' }]),
      session('app', [{ action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }]),
      session('APP', [{ action: 's3:GetObjectTagging', resource: 'arn:aws:s3:::b/k' }]),
      session('other', [{ action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/k' }]),
      session('app', [{ action: 'iam:GetRole', resource: 'x' }], '111111111111'),
    ];
    expect(generatePolicy(events, '000000000000', 'app')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectTagging'], Resource: 'arn:aws:s3:::b/k' },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
      ],
    });
    expect(generatePolicy(events, '000000000000', 'nobody').Statement).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { isAwsError } from '../errors.js';
import { checkBlockPublicAcls, isPublicPolicy, withoutAllows } from './public-policy.js';

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

describe('isPublicPolicy (S3 "The meaning of public")', () => {
  it.each([
    ['a wildcard principal', { ...read, Principal: '*' }],
    ['AWS: *', { ...read, Principal: { AWS: '*' } }],
    ['a wildcard inside an AWS principal', { ...read, Principal: { AWS: 'arn:aws:iam::*:root' } }],
    ['NotPrincipal with Allow', { ...read, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }],
    [
      'a condition with a wildcard value',
      { ...read, Principal: '*', Condition: { StringLike: { 'aws:SourceArn': 'arn:*' } } },
    ],
    [
      'a condition on a key S3 does not accept',
      { ...read, Principal: '*', Condition: { StringEquals: { 'aws:UserAgent': 'x' } } },
    ],
    [
      'IfExists',
      { ...read, Principal: '*', Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } } },
    ],
    ['a /0 source range', { ...read, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }],
    [
      'a policy variable',
      { ...read, Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '${aws:username}' } } },
    ],
    [
      'a role-wide userid',
      { ...read, Principal: '*', Condition: { StringEquals: { 'aws:userid': 'AROAEXAMPLEID:*' } } },
    ],
  ])('counts %s as public', (_name, statement) => {
    expect(isPublicPolicy(policy(statement))).toBe(true);
  });

  it.each([
    ['a fixed account', { ...read, Principal: { AWS: 'arn:aws:iam::111122223333:root' } }],
    ['a service principal', { ...read, Principal: { Service: 'cloudtrail.amazonaws.com' } }],
    [
      'a fixed source account',
      { ...read, Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } },
    ],
    [
      'a source range',
      { ...read, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.1/32'] } } },
    ],
    [
      'a fixed VPC endpoint',
      { ...read, Principal: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } },
    ],
    ['a public Deny only', { ...read, Effect: 'Deny', Principal: '*' }],
  ])('counts %s as not public', (_name, statement) => {
    expect(isPublicPolicy(policy(statement))).toBe(false);
  });

  it('treats an unparsable document as public and strips Allow statements for restricted callers', () => {
    expect(isPublicPolicy('not json')).toBe(true);
    const stripped = JSON.parse(
      withoutAllows(policy({ ...read, Principal: '*' }, { ...read, Effect: 'Deny', Principal: '*' })),
    );
    expect(stripped.Statement).toEqual([{ ...read, Effect: 'Deny', Principal: '*' }]);
  });
});

describe('checkBlockPublicAcls', () => {
  const code = (run: () => void) => {
    try {
      run();
      return undefined;
    } catch (error) {
      return isAwsError(error) ? error.code : String(error);
    }
  };

  it('refuses public canned ACLs and group grants only when BlockPublicAcls is on', () => {
    expect(code(() => checkBlockPublicAcls({ ACL: 'public-read' }, true))).toBe('AccessDenied');
    expect(code(() => checkBlockPublicAcls({ ACL: 'authenticated-read' }, true))).toBe('AccessDenied');
    const group = 'uri="http://acs.amazonaws.com/groups/global/AllUsers"';
    expect(code(() => checkBlockPublicAcls({ GrantRead: group }, true))).toBe('AccessDenied');
    expect(code(() => checkBlockPublicAcls({ ACL: 'private' }, true))).toBeUndefined();
    expect(code(() => checkBlockPublicAcls({ ACL: 'public-read' }, false))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../types.js';
import { parsePolicy } from './parse-policy.js';

const errorOf = (statements: object[], kind: PolicyKind, version = '2012-10-17') => {
  const r = parsePolicy(JSON.stringify({ ...(version ? { Version: version } : {}), Statement: statements }), kind);
  return r.ok ? 'OK' : r.error;
};

describe('parsePolicy: resource control policies (Organizations, "RCP syntax")', () => {
  const fullAccess = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
  const deny = {
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
  };

  it('accepts Deny statements and the RCPFullAWSAccess Allow', () => {
    expect(errorOf([deny], 'rcp')).toBe('OK');
    expect(errorOf([fullAccess], 'rcp')).toBe('OK');
    expect(errorOf([{ ...deny, Resource: undefined, NotResource: 'arn:aws:s3:::public/*' }], 'rcp')).toBe('OK');
  });

  it.each<[string, object]>([
    ['a scoped action', { ...fullAccess, Action: 's3:GetObject' }],
    ['a scoped resource', { ...fullAccess, Resource: 'arn:aws:s3:::b/*' }],
    ['a condition', { ...fullAccess, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
    ['NotResource', { Effect: 'Allow', Principal: '*', Action: '*', NotResource: '*' }],
  ])('rejects any other Allow: %s', (_name, statement) => {
    expect(errorOf([statement], 'rcp')).toBe('The effect of Allow is only supported for the RCPFullAWSAccess policy.');
  });

  it('rejects NotAction, NotPrincipal, principals other than "*" and old versions', () => {
    expect(errorOf([{ ...deny, Action: undefined, NotAction: 's3:GetObject' }], 'rcp')).toBe(
      'Has prohibited field NotAction',
    );
    expect(errorOf([{ ...deny, Principal: undefined, NotPrincipal: { AWS: '123456789012' } }], 'rcp')).toBe(
      'Has prohibited field NotPrincipal',
    );
    expect(errorOf([{ ...deny, Principal: { AWS: '*' } }], 'rcp')).toBe('Invalid principal in policy: "AWS":"object"');
    expect(errorOf([{ ...deny, Principal: undefined }], 'rcp')).toBe('Missing required field Principal');
    expect(errorOf([deny], 'rcp', '2008-10-17')).toBe('Policy document must be version 2012-10-17 or greater.');
    expect(errorOf([deny], 'rcp', '')).toBe('Policy document must be version 2012-10-17 or greater.');
  });

  it('keeps SCPs on the full IAM language (since 2025-09-19): scoped Allow, NotAction, conditions', () => {
    const scoped = { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b/*', Condition: {} };
    expect(errorOf([scoped], 'scp')).toBe('OK');
  });
});

describe('parsePolicy: ARNs that cannot name a region', () => {
  const allow = (resource: string) => [{ Effect: 'Allow', Action: '*', Resource: resource }];

  it('rejects IAM ARNs with any region', () => {
    expect(errorOf(allow('arn:aws:iam:*:123456789012:role/x'), 'identity')).toBe(
      'IAM resource arn:aws:iam:*:123456789012:role/x cannot contain region information.',
    );
  });

  it('rejects S3 bucket and object ARNs with a region, in IAM wording', () => {
    expect(errorOf(allow('arn:aws:s3:us-west-2:123456789012:test/athena'), 'identity')).toBe(
      'Resource arn:aws:s3:us-west-2:123456789012:test/athena can not contain region information.',
    );
    expect(errorOf(allow('arn:aws:s3:eu-west-1::bucket'), 'boundary')).toBe(
      'Resource arn:aws:s3:eu-west-1::bucket can not contain region information.',
    );
  });

  it('accepts regional S3 resource types and wildcard regions', () => {
    for (const resource of [
      'arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap',
      'arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/object/*',
      'arn:aws:s3:us-east-1:123456789012:job/j1',
      'arn:aws:s3:us-east-1:123456789012:storage-lens/default',
      'arn:aws:s3:*:*:bucket',
      'arn:aws:s3:::bucket/*',
    ]) {
      expect(errorOf(allow(resource), 'identity')).toBe('OK');
    }
  });
});

describe('parsePolicy: warnings for unknown actions', () => {
  const knownActions = new Set(['s3:getobject', 's3:putobject', 'iam:getuser']);
  const doc = (actions: string[]) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

  it('reports actions, wildcards and services outside the catalogue, and nothing without one', () => {
    const r = parsePolicy(
      doc(['s3:GetObject', 's3:GetObjekt', 's3:List*', 'ec2:RunInstances', 'IAM:Get*']),
      'identity',
      {
        knownActions,
      },
    );
    expect(r.ok && r.warnings).toEqual([
      'Unknown action s3:GetObjekt: s3 has no action of that name.',
      's3:List* matches no known s3 action.',
      'Unknown service prefix "ec2" in ec2:RunInstances.',
    ]);
    const plain = parsePolicy(doc(['s3:GetObjekt']), 'identity');
    expect(plain.ok && plain.warnings).toEqual([]);
  });
});

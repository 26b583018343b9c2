import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../types.js';
import { parsePolicy } from './parse-policy.js';

const V = '"Version":"2012-10-17"';
const doc = (statement: string, version = V) => `{${version ? `${version},` : ''}"Statement":${statement}}`;
const errorOf = (text: string, kind: PolicyKind = 'identity') => {
  const r = parsePolicy(text, kind);
  return r.ok ? 'OK' : r.error;
};

describe('parsePolicy: accepted documents', () => {
  it('normalizes strings to arrays and condition values to strings', () => {
    const r = parsePolicy(
      doc(
        '{"Sid":"A1","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",' +
          '"Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true},' +
          '"StringEquals":{"aws:TagKeys":["a",1.5]}}}',
      ),
      'identity',
    );
    expect(r).toEqual({
      ok: true,
      warnings: [],
      policy: {
        version: '2012-10-17',
        statements: [
          {
            sid: 'A1',
            effect: 'Allow',
            action: ['s3:GetObject'],
            resource: ['arn:aws:s3:::b/*'],
            condition: {
              NumericLessThan: { 's3:max-keys': ['10'] },
              Bool: { 'aws:SecureTransport': ['true'] },
              StringEquals: { 'aws:TagKeys': ['a', '1.5'] },
            },
          },
        ],
      },
    });
  });

  it('normalizes principals: "*" stays, an account ID becomes the root ARN', () => {
    const r = parsePolicy(
      doc(
        '[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},' +
          '{"Effect":"Allow","Principal":{"AWS":"123456789012","Service":["ec2.amazonaws.com"]},"Action":"s3:*","Resource":"*"}]',
      ),
      'resource',
    );
    expect(r.ok && r.policy.statements.map((s) => s.principal)).toEqual([
      '*',
      { AWS: ['arn:aws:iam::123456789012:root'], Service: ['ec2.amazonaws.com'] },
    ]);
  });

  it('accepts trust policies without Resource, with Id, NotAction and 2008 or no Version', () => {
    const trust = '{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}';
    expect(errorOf(doc(trust), 'trust')).toBe('OK');
    expect(errorOf(doc(trust, '"Version":"2008-10-17"'), 'trust')).toBe('OK');
    expect(errorOf(doc(trust, ''), 'trust')).toBe('OK');
    expect(errorOf(`{${V},"Id":"x","Statement":[{"Effect":"Deny","NotAction":"iam:*","NotResource":"*"}]}`)).toBe('OK');
    expect(errorOf(doc('[]'))).toBe('OK');
  });

  it('accepts empty conditions and warns about unknown operators', () => {
    const r = parsePolicy(
      doc('{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"a"},"Foo":{}}}'),
      'identity',
    );
    expect(r.ok && r.warnings).toEqual(['Unknown condition operator StringEqualz: its conditions never match.']);
  });

  it('allows empty Sids to repeat and lenient Sids outside IAM', () => {
    const two =
      '[{"Sid":"","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"","Effect":"Allow","Action":"*","Resource":"*"}]';
    expect(errorOf(doc(two))).toBe('OK');
    const spaced = '{"Sid":"Allow read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}';
    expect(errorOf(doc(spaced), 'resource')).toBe('OK');
  });
});

describe('parsePolicy: AWS messages', () => {
  const allow = (extra: string) => doc(`{"Effect":"Allow",${extra}}`);
  it.each<[string, string, PolicyKind, string]>([
    ['not JSON', '{', 'identity', 'Syntax errors in policy.'],
    ['duplicate keys', `{${V},${V},"Statement":[]}`, 'identity', 'Syntax errors in policy.'],
    ['unknown top-level key', `{${V},"Foo":1,"Statement":[]}`, 'identity', 'Syntax errors in policy.'],
    ['unknown statement key', allow('"Action":"*","Resource":"*","Foo":1'), 'identity', 'Syntax errors in policy.'],
    ['missing Statement', `{${V}}`, 'identity', 'Syntax errors in policy.'],
    [
      'lower-case effect',
      doc('{"Effect":"allow","Action":"*","Resource":"*"}'),
      'identity',
      'The policy failed legacy parsing',
    ],
    [
      'no Version',
      doc('{"Effect":"Allow","Action":"*","Resource":"*"}', ''),
      'identity',
      'Policy document must be version 2012-10-17 or greater.',
    ],
    [
      '2008 Version',
      doc('{"Effect":"Allow","Action":"*","Resource":"*"}', '"Version":"2008-10-17"'),
      'session',
      'Policy document must be version 2012-10-17 or greater.',
    ],
    ['no action', allow('"Resource":"*"'), 'identity', 'Policy statement must contain actions.'],
    ['empty action list', allow('"Action":[],"Resource":"*"'), 'boundary', 'Policy statement must contain actions.'],
    ['no resource', allow('"Action":"*"'), 'identity', 'Policy statement must contain resources.'],
    [
      'principal in identity',
      allow('"Principal":"*","Action":"*","Resource":"*"'),
      'identity',
      'Policy document should not specify a principal.',
    ],
    [
      'principal in SCP',
      allow('"NotPrincipal":"*","Action":"*","Resource":"*"'),
      'scp',
      'Policy document should not specify a principal.',
    ],
    ['no principal in trust', allow('"Action":"sts:AssumeRole"'), 'trust', 'Missing required field Principal'],
    [
      'resource in trust',
      allow('"Principal":"*","Action":"sts:AssumeRole","Resource":"*"'),
      'trust',
      'Has prohibited field Resource',
    ],
    [
      'NotPrincipal in trust',
      allow('"NotPrincipal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"'),
      'trust',
      'Has prohibited field NotPrincipal',
    ],
    [
      'no principal in bucket policy',
      allow('"Action":"s3:*","Resource":"*"'),
      'resource',
      'Missing required field Principal',
    ],
    [
      'two colons',
      allow('"Action":"s3:Get:Object","Resource":"*"'),
      'identity',
      'Actions/Condition can contain only one colon.',
    ],
    [
      'no vendor',
      allow('"Action":"GetObject","Resource":"*"'),
      'identity',
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    ],
    ['bad vendor', allow('"Action":"a a:GetObject","Resource":"*"'), 'identity', 'Vendor a a is not valid'],
    [
      'action with a comma',
      allow('"Action":"s3:Get,Put","Resource":"*"'),
      'identity',
      'The policy failed legacy parsing',
    ],
    [
      'condition key without vendor',
      allow('"Action":"*","Resource":"*","Condition":{"StringEquals":{"username":"a"}}'),
      'identity',
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    ],
    [
      'bad date',
      allow('"Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"yesterday"}}'),
      'identity',
      'The policy failed legacy parsing',
    ],
    [
      'condition value object',
      allow('"Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":{"a":1}}}'),
      'identity',
      'Syntax errors in policy.',
    ],
    [
      'resource not an ARN',
      allow('"Action":"*","Resource":"bucket"'),
      'identity',
      'Resource bucket must be in ARN format or "*".',
    ],
    [
      'short ARN',
      allow('"Action":"*","Resource":"arn:aws:s3"'),
      'identity',
      'Resource arn:aws:s3 must be in ARN format or "*".',
    ],
    [
      'wildcard service',
      allow('"Action":"*","Resource":"arn:aws:s3*:::b"'),
      'identity',
      'Resource vendor must be fully qualified and cannot contain regexes.',
    ],
    [
      'bad partition',
      allow('"Action":"*","Resource":"arn:aws1:s3:::b"'),
      'identity',
      'Partition "aws1" is not valid for resource "arn:aws1:s3:::b".',
    ],
    [
      'IAM ARN with region',
      allow('"Action":"*","Resource":"arn:aws:iam:us-east-1:123456789012:role/x"'),
      'identity',
      'IAM resource arn:aws:iam:us-east-1:123456789012:role/x cannot contain region information.',
    ],
    [
      'bad Sid',
      doc('{"Sid":"my-sid","Effect":"Allow","Action":"*","Resource":"*"}'),
      'identity',
      'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
    ],
    [
      'duplicate Sid',
      doc(
        '[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"}]',
      ),
      'identity',
      'Statement IDs (SID) in a single policy must be unique.',
    ],
    [
      'wildcard in principal ARN',
      allow('"Principal":{"AWS":"arn:aws:iam::123456789012:user/*"},"Action":"sts:AssumeRole"'),
      'trust',
      'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/*"',
    ],
    [
      'unknown principal type',
      allow('"Principal":{"Foo":"x"},"Action":"s3:*","Resource":"*"'),
      'resource',
      'Invalid principal in policy: "Foo":"x"',
    ],
    [
      'RCP principal other than *',
      allow('"Principal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"'),
      'rcp',
      'Invalid principal in policy: "AWS":"object"',
    ],
    [
      'character outside Latin-1',
      doc('{"Sid":"\u0100","Effect":"Allow","Action":"*","Resource":"*"}'),
      'identity',
      'Syntax errors in policy.',
    ],
  ])('%s', (_name, text, kind, message) => {
    expect(errorOf(text, kind)).toBe(message);
  });
});

describe('parsePolicy: size limits', () => {
  const padded = (size: number, space: number) => {
    const base = doc('{"Effect":"Allow","Action":"*","Resource":"*","Sid":""}');
    const body = base.replace('"Sid":""', `"Sid":"${'a'.repeat(size - base.replace(/\s/g, '').length)}"`);
    return body.replace('{', `{${' '.repeat(space)}`);
  };

  it('counts IAM sizes without whitespace', () => {
    expect(errorOf(padded(6144, 5000))).toBe('OK');
    const over = parsePolicy(padded(6145, 0), 'identity');
    expect(over).toEqual({ ok: false, error: 'Cannot exceed quota for PolicySize: 6144', code: 'LimitExceeded' });
  });

  it('limits trust and session policies to 2048', () => {
    const trust = `{${V},"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Sid":"${'a'.repeat(2000)}"}}`;
    expect(parsePolicy(trust, 'trust')).toMatchObject({ ok: false, code: 'LimitExceeded' });
    expect(parsePolicy(padded(2049, 0), 'session')).toMatchObject({ ok: false, code: 'PackedPolicyTooLarge' });
    expect(errorOf(padded(2048, 100), 'session')).toBe('OK');
  });

  it('counts whitespace for SCPs', () => {
    expect(parsePolicy(padded(5000, 200), 'scp')).toMatchObject({ ok: false, code: 'LimitExceeded' });
    expect(errorOf(padded(5000, 100), 'scp')).toBe('OK');
  });
});

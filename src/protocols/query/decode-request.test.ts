import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/errors.js';
import { loadServiceModel } from '../service-model.js';
import { decodeQueryRequest } from './decode-request.js';

const sts = loadServiceModel('sts');
const iam = loadServiceModel('iam');

const ROLE_ARN = 'arn:aws:iam::000000000000:role/ec2-s3-access-role';
const POLICY_ARN = 'arn:aws:iam::000000000000:policy/read-bucket';

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

function errorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  throw new Error('expected an AwsError');
}

describe('decodeQueryRequest: STS', () => {
  it('decodes AssumeRole with policy ARNs, tags, transitive keys and a duration', () => {
    const { operation, input } = decodeQueryRequest(
      sts,
      form({
        Action: 'AssumeRole',
        Version: '2011-06-15',
        RoleArn: ROLE_ARN,
        RoleSessionName: 'workload',
        'PolicyArns.member.1.arn': POLICY_ARN,
        'PolicyArns.member.2.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'Tags.member.1.Key': 'team',
        'Tags.member.1.Value': 'data',
        'Tags.member.2.Key': 'env',
        'Tags.member.2.Value': '',
        'TransitiveTagKeys.member.1': 'team',
        DurationSeconds: '+0900',
        ExternalId: 'ext-123',
      }),
    );
    expect(operation).toBe('AssumeRole');
    expect(input).toEqual({
      RoleArn: ROLE_ARN,
      RoleSessionName: 'workload',
      PolicyArns: [{ arn: POLICY_ARN }, { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [
        { Key: 'team', Value: 'data' },
        { Key: 'env', Value: '' },
      ],
      TransitiveTagKeys: ['team'],
      DurationSeconds: 900,
      ExternalId: 'ext-123',
    });
  });

  it('orders list items by position, not by arrival', () => {
    const { input } = decodeQueryRequest(
      sts,
      new URLSearchParams(
        `Action=AssumeRole&Version=2011-06-15&RoleArn=${ROLE_ARN}&RoleSessionName=s1` +
          '&TransitiveTagKeys.member.10=c&TransitiveTagKeys.member.2=b&TransitiveTagKeys.member.1=a',
      ),
    );
    expect(input['TransitiveTagKeys']).toEqual(['a', 'b', 'c']);
  });

  it('reads an empty `Tags=` as an empty list and omits lists that were not sent', () => {
    const { input } = decodeQueryRequest(
      sts,
      form({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLE_ARN, RoleSessionName: 's1', Tags: '' }),
    );
    expect(input['Tags']).toEqual([]);
    expect('PolicyArns' in input).toBe(false);
  });

  it('decodes operations without members and ignores unknown parameters', () => {
    expect(decodeQueryRequest(sts, form({ Action: 'GetCallerIdentity', Version: '2011-06-15', Unknown: 'x' }))).toEqual(
      {
        operation: 'GetCallerIdentity',
        input: {},
      },
    );
  });

  it('keeps the first of repeated parameters, as AWS does', () => {
    const params = new URLSearchParams(
      `Action=AssumeRole&Version=2011-06-15&RoleArn=${ROLE_ARN}&RoleSessionName=first&RoleSessionName=bad/name`,
    );
    expect(decodeQueryRequest(sts, params).input['RoleSessionName']).toBe('first');
  });
});

describe('decodeQueryRequest: IAM', () => {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });

  it('decodes CreateRole with tags', () => {
    const { operation, input } = decodeQueryRequest(
      iam,
      form({
        Action: 'CreateRole',
        Version: '2010-05-08',
        RoleName: 'ec2-s3-access-role',
        Path: '/app/',
        AssumeRolePolicyDocument: trust,
        MaxSessionDuration: '7200',
        'Tags.member.1.Key': 'owner',
        'Tags.member.1.Value': 'platform',
      }),
    );
    expect(operation).toBe('CreateRole');
    expect(input).toEqual({
      RoleName: 'ec2-s3-access-role',
      Path: '/app/',
      AssumeRolePolicyDocument: trust,
      MaxSessionDuration: 7200,
      Tags: [{ Key: 'owner', Value: 'platform' }],
    });
  });

  it('decodes CreatePolicy, AttachRolePolicy and GetRole', () => {
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}';
    expect(
      decodeQueryRequest(
        iam,
        form({ Action: 'CreatePolicy', Version: '2010-05-08', PolicyName: 'read-bucket', PolicyDocument: policy }),
      ),
    ).toEqual({ operation: 'CreatePolicy', input: { PolicyName: 'read-bucket', PolicyDocument: policy } });
    expect(
      decodeQueryRequest(
        iam,
        form({
          Action: 'AttachRolePolicy',
          Version: '2010-05-08',
          RoleName: 'ec2-s3-access-role',
          PolicyArn: POLICY_ARN,
        }),
      ).input,
    ).toEqual({ RoleName: 'ec2-s3-access-role', PolicyArn: POLICY_ARN });
    expect(decodeQueryRequest(iam, form({ Action: 'GetRole', Version: '2010-05-08', RoleName: 'r' })).input).toEqual({
      RoleName: 'r',
    });
  });

  it('parses booleans case-insensitively', () => {
    const { input } = decodeQueryRequest(
      iam,
      form({ Action: 'ListPolicies', Version: '2010-05-08', OnlyAttached: 'TRUE', Scope: 'Local', MaxItems: '10' }),
    );
    expect(input).toEqual({ OnlyAttached: true, Scope: 'Local', MaxItems: 10 });
  });
});

describe('decodeQueryRequest: action and version', () => {
  it('requires an Action', () => {
    expect(errorOf(() => decodeQueryRequest(sts, form({ Version: '2011-06-15' }))).code).toBe('MissingAction');
  });

  it("rejects unknown actions with AWS's message", () => {
    const err = errorOf(() => decodeQueryRequest(sts, form({ Action: 'NoSuchAction', Version: '2011-06-15' })));
    expect(err.code).toBe('InvalidAction');
    expect(err.message).toBe('Could not find operation NoSuchAction for version 2011-06-15');
    expect(errorOf(() => decodeQueryRequest(sts, form({ Action: 'constructor', Version: '2011-06-15' }))).code).toBe(
      'InvalidAction',
    );
  });

  it('rejects a missing or different Version', () => {
    expect(errorOf(() => decodeQueryRequest(sts, form({ Action: 'GetCallerIdentity' }))).message).toBe(
      'Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED',
    );
    expect(
      errorOf(() => decodeQueryRequest(sts, form({ Action: 'GetCallerIdentity', Version: '2010-05-08' }))).message,
    ).toBe('Could not find operation GetCallerIdentity for version 2010-05-08');
  });
});

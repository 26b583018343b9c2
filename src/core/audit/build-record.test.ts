/**
 * Expected records modelled on AWS's documented CloudTrail examples (IAM User Guide, "Example AWS STS API events in
 * CloudTrail log" and "Example IAM API events"; S3 User Guide, "CloudTrail log file entries for Amazon S3"), with
 * iamd's one documented difference: no `sessionToken` in AssumeRole's `responseElements`.
 */

import { describe, expect, it } from 'vitest';
import type { AssumedRoleCaller, RequestFacts, UserCaller } from '../authz/index.js';
import { auditEventOf } from './audit-event.js';
import type { AuditEntry, BuildOptions } from './audit-draft.js';
import { buildAuditEvents as build } from './build-record.js';

/**
 * Builds the events and checks what every event must hold: JSON text that parses to its record, and the lookup
 * columns the record itself gives.
 */
function buildAuditEvents(entry: AuditEntry, buildOptions: BuildOptions) {
  const events = build(entry, buildOptions);
  for (const event of events) {
    expect(JSON.parse(event.recordJson)).toEqual(event.record);
    expect(event.columns).toEqual(auditEventOf(event.record, event).columns);
  }
  return events;
}

const time = new Date('2021-05-13T18:55:05.250Z');
const facts: RequestFacts = {
  requestId: 'req-1',
  time,
  sourceIp: '192.0.2.101',
  secureTransport: false,
  userAgent: 'aws-cli/2.9.19',
  region: 'us-east-1',
};
let n = 0;
const options = { defaultAccount: '000000000000', uuid: () => `uuid-${++n}` };

const alice: UserCaller = {
  kind: 'user',
  accountId: '111111111111',
  arn: 'arn:aws:iam::111111111111:user/JohnDoe',
  userId: 'AIDAJ45Q7YFFAREXAMPLE',
  userName: 'JohnDoe',
  tags: [],
  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
};

const session: AssumedRoleCaller = {
  kind: 'assumed-role',
  accountId: '111122223333',
  arn: 'arn:aws:sts::111122223333:assumed-role/ec2-s3-access-role/i-0abc',
  userId: 'AROAIDPPEZS35WEXAMPLE:i-0abc',
  roleArn: 'arn:aws:iam::111122223333:role/ec2-s3-access-role',
  roleId: 'AROAIDPPEZS35WEXAMPLE',
  roleName: 'ec2-s3-access-role',
  sessionName: 'i-0abc',
  accessKeyId: 'ASIAWHOJDLGPOEXAMPLE',
  issuedAt: new Date('2021-05-13T18:50:38Z'),
  expiresAt: new Date('2021-05-13T19:50:38Z'),
  sessionTags: [],
  transitiveTagKeys: [],
  mfaAuthenticated: false,
};

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  service: 'iam',
  operation: 'GetRole',
  caller: alice,
  facts,
  input: {},
  specs: [],
  allowed: 0,
  ...overrides,
});

describe('buildAuditEvents', () => {
  it('records a cross-account AssumeRole in both accounts with one sharedEventID, and no secret', () => {
    n = 0;
    const roleArn = 'arn:aws:iam::222222222222:role/JohnRole2';
    const events = buildAuditEvents(
      entry({
        service: 'sts',
        operation: 'AssumeRole',
        input: { RoleArn: roleArn, RoleSessionName: 'Role2WithTags', DurationSeconds: 3600, TokenCode: '123456' },
        output: {
          Credentials: {
            AccessKeyId: 'ASIAWHOJDLGPOEXAMPLE',
            SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            SessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN',
            Expiration: new Date('2021-05-13T19:55:05Z'),
          },
          AssumedRoleUser: {
            AssumedRoleId: 'AROAIFR7WHDTSOYQYHFUE:Role2WithTags',
            Arn: 'arn:aws:sts::222222222222:assumed-role/JohnRole2/Role2WithTags',
          },
          PackedPolicySize: 3,
        },
        specs: [{ action: 'sts:AssumeRole', resource: roleArn, resourceAccount: '222222222222' }],
        allowed: 1,
      }),
      options,
    );
    expect(events.map((e) => e.accountId)).toEqual(['111111111111', '222222222222']);
    expect(events[0]!.record).toStrictEqual({
      eventVersion: '1.08',
      userIdentity: {
        type: 'IAMUser',
        principalId: 'AIDAJ45Q7YFFAREXAMPLE',
        arn: 'arn:aws:iam::111111111111:user/JohnDoe',
        accountId: '111111111111',
        accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
        userName: 'JohnDoe',
      },
      eventTime: '2021-05-13T18:55:05Z',
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      awsRegion: 'us-east-1',
      sourceIPAddress: '192.0.2.101',
      userAgent: 'aws-cli/2.9.19',
      requestParameters: { roleArn, roleSessionName: 'Role2WithTags', durationSeconds: 3600 },
      responseElements: {
        credentials: { accessKeyId: 'ASIAWHOJDLGPOEXAMPLE', expiration: 'May 13, 2021, 7:55:05 PM' },
        assumedRoleUser: {
          assumedRoleId: 'AROAIFR7WHDTSOYQYHFUE:Role2WithTags',
          arn: 'arn:aws:sts::222222222222:assumed-role/JohnRole2/Role2WithTags',
        },
        packedPolicySize: 3,
      },
      requestID: 'req-1',
      eventID: 'uuid-2',
      readOnly: true,
      resources: [{ accountId: '222222222222', type: 'AWS::IAM::Role', ARN: roleArn }],
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '111111111111',
      sharedEventID: 'uuid-1',
      eventCategory: 'Management',
    });
    expect(events[1]!.record).toMatchObject({
      eventID: 'uuid-3',
      recipientAccountId: '222222222222',
      sharedEventID: 'uuid-1',
    });
    expect(JSON.stringify(events)).not.toMatch(/EXAMPLEKEY|EXAMPLETOKEN|123456/);
  });

  it('records the response of a write with dates in CloudTrail form and secrets removed', () => {
    const [event] = buildAuditEvents(
      entry({
        operation: 'CreateAccessKey',
        input: { UserName: 'Bob' },
        output: {
          AccessKey: {
            UserName: 'Bob',
            AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
            Status: 'Active',
            SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            CreateDate: new Date('2021-05-13T19:55:05Z'),
          },
        },
      }),
      options,
    );
    expect(event!.record.responseElements).toStrictEqual({
      accessKey: {
        userName: 'Bob',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        status: 'Active',
        createDate: 'May 13, 2021, 7:55:05 PM',
      },
    });
  });

  it('records CreateRole by an IAM user as AWS does', () => {
    const roleArn = 'arn:aws:iam::111111111111:role/TestRole';
    const trust = '{"Version":"2012-10-17","Statement":[]}';
    const [event] = buildAuditEvents(
      entry({
        operation: 'CreateRole',
        input: { RoleName: 'TestRole', AssumeRolePolicyDocument: trust },
        output: { Role: { Path: '/', RoleName: 'TestRole', RoleId: 'AROAEXAMPLE', Arn: roleArn, CreateDate: time } },
        specs: [{ action: 'iam:CreateRole', resource: roleArn }],
        allowed: 1,
      }),
      options,
    );
    expect(event!.record).toMatchObject({
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateRole',
      requestParameters: { roleName: 'TestRole', assumeRolePolicyDocument: trust },
      responseElements: {
        role: {
          path: '/',
          roleName: 'TestRole',
          roleId: 'AROAEXAMPLE',
          arn: roleArn,
          createDate: 'May 13, 2021, 6:55:05 PM',
        },
      },
      readOnly: false,
      managementEvent: true,
      recipientAccountId: '111111111111',
    });
    expect(event!.record.sharedEventID).toBeUndefined();
    expect(event!.authorized).toEqual([{ action: 'iam:CreateRole', resource: roleArn }]);
  });

  it('records S3 GetObject by a role session as a data event', () => {
    const [event] = buildAuditEvents(
      entry({
        service: 's3',
        operation: 'GetObject',
        caller: session,
        facts: { ...facts, serviceContext: { 's3:authType': 'REST-HEADER' } },
        input: { Bucket: 'my-sts-demo-bucket', Key: 'hello.txt' },
        output: { Body: { pipe: () => undefined }, ContentLength: 16 },
        specs: [
          {
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::my-sts-demo-bucket/hello.txt',
            resourceAccount: '111122223333',
          },
        ],
        allowed: 1,
      }),
      options,
    );
    expect(event!.record).toStrictEqual({
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAIDPPEZS35WEXAMPLE:i-0abc',
        arn: 'arn:aws:sts::111122223333:assumed-role/ec2-s3-access-role/i-0abc',
        accountId: '111122223333',
        accessKeyId: 'ASIAWHOJDLGPOEXAMPLE',
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: 'AROAIDPPEZS35WEXAMPLE',
            arn: 'arn:aws:iam::111122223333:role/ec2-s3-access-role',
            accountId: '111122223333',
            userName: 'ec2-s3-access-role',
          },
          webIdFederationData: {},
          attributes: { creationDate: '2021-05-13T18:50:38Z', mfaAuthenticated: 'false' },
        },
      },
      eventTime: '2021-05-13T18:55:05Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      awsRegion: 'us-east-1',
      sourceIPAddress: '192.0.2.101',
      userAgent: 'aws-cli/2.9.19',
      requestParameters: { bucketName: 'my-sts-demo-bucket', key: 'hello.txt' },
      responseElements: null,
      additionalEventData: { SignatureVersion: 'SigV4', AuthenticationMethod: 'AuthHeader' },
      requestID: 'req-1',
      eventID: expect.any(String),
      readOnly: true,
      resources: [
        { accountId: '111122223333', type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::my-sts-demo-bucket/hello.txt' },
      ],
      eventType: 'AwsApiCall',
      managementEvent: false,
      recipientAccountId: '111122223333',
      eventCategory: 'Data',
    });
    expect(event).toMatchObject({ username: 'i-0abc', roleName: 'ec2-s3-access-role' });
  });

  it('records an AccessDenied with its code and message, and no allowed action', () => {
    const message =
      'User: arn:aws:sts::111122223333:assumed-role/ec2-s3-access-role/i-0abc is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::my-sts-demo-bucket/x" because no identity-based policy allows the s3:PutObject action';
    const [event] = buildAuditEvents(
      entry({
        service: 's3',
        operation: 'PutObject',
        caller: session,
        input: { Bucket: 'my-sts-demo-bucket', Key: 'x', Body: { pipe: () => undefined } },
        error: { code: 'AccessDenied', message },
        specs: [
          { action: 's3:PutObject', resource: 'arn:aws:s3:::my-sts-demo-bucket/x', resourceAccount: '111122223333' },
        ],
        allowed: 0,
      }),
      options,
    );
    expect(event!.record).toMatchObject({
      eventName: 'PutObject',
      errorCode: 'AccessDenied',
      errorMessage: message,
      requestParameters: { bucketName: 'my-sts-demo-bucket', key: 'x' },
      responseElements: null,
      readOnly: false,
      managementEvent: false,
    });
    expect(event!.authorized).toEqual([]);
  });

  it("writes a record's members in the order of AWS's examples, optional ones only when present", () => {
    const [event] = buildAuditEvents(
      entry({
        service: 'iam',
        operation: 'DeleteRole',
        input: { RoleName: 'r' },
        error: { code: 'AccessDenied', message: 'no' },
        // Another account's role, so that the record carries every optional member, `sharedEventID` too.
        specs: [{ action: 'iam:DeleteRole', resource: 'arn:aws:iam::222222222222:role/r' }],
        allowed: 0,
      }),
      options,
    );
    expect(Object.keys(event!.record)).toEqual([
      'eventVersion',
      'userIdentity',
      'eventTime',
      'eventSource',
      'eventName',
      'awsRegion',
      'sourceIPAddress',
      'userAgent',
      'errorCode',
      'errorMessage',
      'requestParameters',
      'responseElements',
      'requestID',
      'eventID',
      'readOnly',
      'resources',
      'eventType',
      'managementEvent',
      'recipientAccountId',
      'sharedEventID',
      'eventCategory',
    ]);
  });

  it('writes every string a request brings as JSON.stringify would, escapes and all', () => {
    for (const text of [
      'plain agent/1.0',
      'quote " backslash \\ nul \u0000 unit \u001f',
      'lone \ud800 and pair \ud83d\ude00',
      '\u2028\u007f',
      '',
    ]) {
      const [event] = buildAuditEvents(
        entry({ service: 'sts', operation: 'GetCallerIdentity', facts: { ...facts, userAgent: text, sourceIp: text } }),
        options,
      );
      expect(event!.recordJson).toContain(`"userAgent":${JSON.stringify(text)}`);
      expect(event!.recordJson).toContain(`"sourceIPAddress":${JSON.stringify(text)}`);
      expect(event!.record.userAgent).toBe(text);
    }
  });

  it("gives a caller the same identity on every request, and never one caller's identity to another", () => {
    const first = buildAuditEvents(entry({ service: 'sts', operation: 'GetCallerIdentity' }), options)[0]!;
    const again = buildAuditEvents(entry({ service: 'sts', operation: 'GetCallerIdentity' }), options)[0]!;
    const other = buildAuditEvents(
      entry({
        service: 'sts',
        operation: 'GetCallerIdentity',
        caller: { ...alice, accessKeyId: 'AKIAOTHEREXAMPLE0000' },
      }),
      options,
    )[0]!;
    expect(again.record.userIdentity).toEqual(first.record.userIdentity);
    expect(other.record.userIdentity.accessKeyId).toBe('AKIAOTHEREXAMPLE0000');
    expect(other.columns.accessKeyId).toBe('AKIAOTHEREXAMPLE0000');
    expect(first.record.userIdentity.accessKeyId).not.toBe('AKIAOTHEREXAMPLE0000');
  });

  it("records anonymous requests against the resource owner, and an AWS service's AssumeRole as the AwsApiCall CloudTrail writes", () => {
    const [anonymous] = buildAuditEvents(
      entry({
        service: 's3',
        operation: 'GetObject',
        caller: { kind: 'anonymous' },
        input: { Bucket: 'b', Key: 'k' },
        specs: [{ action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '333333333333' }],
        allowed: 1,
      }),
      options,
    );
    expect(anonymous!.record.userIdentity).toEqual({ type: 'AWSAccount', principalId: '', accountId: 'anonymous' });
    expect(anonymous!.record.recipientAccountId).toBe('333333333333');
    const [service] = buildAuditEvents(
      entry({ service: 'sts', operation: 'AssumeRole', caller: { kind: 'service', serviceName: 'ec2.amazonaws.com' } }),
      options,
    );
    expect(service!.record).toMatchObject({
      userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
      sourceIPAddress: 'ec2.amazonaws.com',
      userAgent: 'ec2.amazonaws.com',
      eventType: 'AwsApiCall',
      recipientAccountId: '000000000000',
    });
  });
});

describe('federated callers', () => {
  it('records a successful AssumeRoleWithWebIdentity as its WebIdentityUser, as CloudTrail does for EKS', () => {
    const [event] = buildAuditEvents(
      entry({
        service: 'sts',
        operation: 'AssumeRoleWithWebIdentity',
        caller: { kind: 'anonymous' },
        input: { RoleArn: 'arn:aws:iam::111122223333:role/app', RoleSessionName: 's', WebIdentityToken: 'eyJ…' },
        output: {
          SubjectFromWebIdentityToken: 'system:serviceaccount:default:my-sa',
          Provider: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE',
          Audience: 'sts.amazonaws.com',
        },
      }),
      options,
    );
    const provider = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE';
    expect(event?.record.userIdentity).toEqual({
      type: 'WebIdentityUser',
      principalId: `${provider}:sts.amazonaws.com:system:serviceaccount:default:my-sa`,
      userName: 'system:serviceaccount:default:my-sa',
      identityProvider: provider,
    });
    expect(JSON.stringify(event?.record)).not.toContain('eyJ');
  });

  it('records a successful AssumeRoleWithSAML as its SAMLUser, and a refused one as anonymous', () => {
    const saml = (output?: object, error?: { code: string; message: string }) =>
      buildAuditEvents(
        entry({
          service: 'sts',
          operation: 'AssumeRoleWithSAML',
          caller: { kind: 'anonymous' },
          input: { RoleArn: 'arn:aws:iam::111122223333:role/sso', PrincipalArn: 'p', SAMLAssertion: 'PHNhbWw…' },
          ...(output ? { output } : {}),
          ...(error ? { error } : {}),
        }),
        options,
      )[0]?.record.userIdentity;
    expect(saml({ Subject: 'SamlExample', NameQualifier: 'SampleUkh1i4+ExAMPLExNjg1MjU=' })).toEqual({
      type: 'SAMLUser',
      principalId: 'SampleUkh1i4+ExAMPLExNjg1MjU=:SamlExample',
      userName: 'SamlExample',
      identityProvider: 'SampleUkh1i4+ExAMPLExNjg1MjU=',
    });
    expect(saml(undefined, { code: 'InvalidIdentityToken', message: 'no' })?.type).not.toBe('SAMLUser');
  });
});

/**
 * CloudTrail LookupEvents over the audit trail: signed JSON 1.1 requests (iamd's own signer, as the JS SDK sends
 * them), `aws cloudtrail lookup-events` with each lookup attribute, and boto3's paginator. Authorized by
 * `cloudtrail:LookupEvents`.
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetObjectCommand, PutObjectCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, type Credentials, policyDocument } from '../support/aws-clients.js';
import { cloudTrail } from '../support/cloudtrail-client.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());
const python = findBoto3Python();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

type LookupEvent = {
  EventId: string;
  EventName: string;
  ReadOnly: string;
  AccessKeyId?: string;
  EventTime: number;
  EventSource: string;
  Username?: string;
  Resources: { ResourceType: string; ResourceName: string }[];
  CloudTrailEvent: string;
};

let t: TestApp;
let alice: Credentials;
let createRoleId: string;

beforeAll(async () => {
  t = await startTestApp();
  const admin = clientsFor(t, t.root);
  await admin.iam.send(new CreateUserCommand({ UserName: 'alice' }));
  const key = await admin.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  alice = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  await admin.iam.send(
    new CreateRoleCommand({
      RoleName: 'audited-role',
      AssumeRolePolicyDocument: policyDocument({
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
    }),
  );
  await admin.s3.send(new CreateBucketCommand({ Bucket: 'audited' }));
  await admin.s3.send(new PutObjectCommand({ Bucket: 'audited', Key: 'k.txt', Body: 'x' }));
  await admin.s3.send(new GetObjectCommand({ Bucket: 'audited', Key: 'k.txt' }));
  await clientsFor(t, alice).sts.send(new GetCallerIdentityCommand({}));
  await t.app.services.audit.flush();
  const found = await cloudTrail(t.endpoint, t.root, 'LookupEvents', {
    LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateRole' }],
  });
  createRoleId = (found.body['Events'] as LookupEvent[])[0]!.EventId;
});

afterAll(async () => {
  await t?.app.close();
});

const lookup = async (input: object, credentials: Credentials = t.root) => {
  await t.app.services.audit.flush();
  return cloudTrail(t.endpoint, credentials, 'LookupEvents', input);
};
const names = (body: Record<string, unknown>) => (body['Events'] as LookupEvent[]).map((e) => e.EventName);

describe('LookupEvents with signed JSON 1.1 requests', () => {
  it('returns the newest events first, with the record as CloudTrailEvent', async () => {
    const { status, body } = await lookup({ MaxResults: 50 });
    expect(status).toBe(200);
    // The lookup of beforeAll is the newest event: LookupEvents calls are recorded too.
    const events = body['Events'] as LookupEvent[];
    expect(events.map((e) => e.EventName).slice(0, 2)).toEqual(['LookupEvents', 'GetCallerIdentity']);
    const record = JSON.parse(events.find((e) => e.EventName === 'CreateRole')!.CloudTrailEvent);
    expect(record).toMatchObject({
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateRole',
      userIdentity: { type: 'Root', accountId: t.accountId },
      requestParameters: { roleName: 'audited-role' },
      recipientAccountId: t.accountId,
    });
    expect(typeof events[0]!.EventTime).toBe('number');
  });

  it('filters on each lookup attribute', async () => {
    const by = async (AttributeKey: string, AttributeValue: string) =>
      names((await lookup({ LookupAttributes: [{ AttributeKey, AttributeValue }] })).body);
    expect(await by('EventName', 'GetObject')).toEqual(['GetObject']);
    expect(await by('EventId', createRoleId)).toEqual(['CreateRole']);
    expect(await by('Username', 'alice')).toEqual(['GetCallerIdentity']);
    expect(await by('AccessKeyId', alice.accessKeyId)).toEqual(['GetCallerIdentity']);
    expect(await by('ResourceType', 'AWS::IAM::Role')).toEqual(['CreateRole']);
    expect(await by('ResourceName', 'audited-role')).toEqual(['CreateRole']);
    expect(await by('ResourceName', 'audited/k.txt')).toEqual(['GetObject', 'PutObject']);
    expect(await by('EventSource', 's3.amazonaws.com')).toEqual(['GetObject', 'PutObject', 'CreateBucket']);
    expect(await by('ReadOnly', 'false')).not.toContain('GetCallerIdentity');
    expect(await by('ReadOnly', 'true')).toContain('GetCallerIdentity');
  });

  it('pages with MaxResults and NextToken, and refuses a token of other parameters', async () => {
    const all = names((await lookup({ MaxResults: 50 })).body);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const { body } = await lookup({ MaxResults: 2, ...(token ? { NextToken: token } : {}) });
      seen.push(...names(body).filter((name) => name !== 'LookupEvents'));
      token = body['NextToken'] as string | undefined;
    } while (token);
    expect(seen).toEqual(all.filter((name) => name !== 'LookupEvents'));
    const first = await lookup({ MaxResults: 1 });
    const other = await lookup({ MaxResults: 2, NextToken: first.body['NextToken'] });
    expect(other).toMatchObject({ status: 400, body: { __type: 'InvalidNextTokenException' } });
  });

  it('bounds by StartTime and EndTime, and refuses a reversed range', async () => {
    const now = Date.now() / 1000;
    expect(names((await lookup({ StartTime: now + 3600 })).body)).toEqual([]);
    expect(names((await lookup({ EndTime: now - 3600 })).body)).toEqual([]);
    const reversed = await lookup({ StartTime: now, EndTime: now - 60 });
    expect(reversed).toMatchObject({ status: 400, body: { __type: 'InvalidTimeRangeException' } });
  });

  it('refuses bad lookup attributes and MaxResults with CloudTrail errors', async () => {
    const two = await lookup({
      LookupAttributes: [
        { AttributeKey: 'EventName', AttributeValue: 'a' },
        { AttributeKey: 'Username', AttributeValue: 'b' },
      ],
    });
    expect(two).toMatchObject({ status: 400, body: { __type: 'InvalidLookupAttributesException' } });
    const key = await lookup({ LookupAttributes: [{ AttributeKey: 'Colour', AttributeValue: 'a' }] });
    expect(key).toMatchObject({ status: 400, body: { __type: 'InvalidLookupAttributesException' } });
    expect(await lookup({ MaxResults: 51 })).toMatchObject({
      status: 400,
      body: { __type: 'InvalidMaxResultsException' },
    });
    expect(await lookup({ MaxResults: 'ten' })).toMatchObject({
      status: 400,
      body: { __type: 'SerializationException' },
    });
  });

  it('is authorized by cloudtrail:LookupEvents and records the denial', async () => {
    const denied = await lookup({}, alice);
    expect(denied.status).toBe(403);
    expect(denied.body['__type']).toBe('AccessDeniedException');
    expect(denied.body['message']).toMatch(/alice is not authorized to perform: cloudtrail:LookupEvents/);
    await clientsFor(t, t.root).iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'lookup',
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: 'cloudtrail:LookupEvents', Resource: '*' }),
      }),
    );
    const allowed = await lookup({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }] }, alice);
    expect(allowed.status).toBe(200);
    const events = allowed.body['Events'] as LookupEvent[];
    const denial = events.find((e) => JSON.parse(e.CloudTrailEvent).errorCode === 'AccessDeniedException');
    expect(JSON.parse(denial!.CloudTrailEvent)).toMatchObject({
      eventName: 'LookupEvents',
      eventSource: 'cloudtrail.amazonaws.com',
    });
  });

  it('still answers unsigned requests with MissingAuthenticationTokenException', async () => {
    const response = await fetch(new URL('/', t.endpoint), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
      },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });
});

describe.skipIf(!cli)(`aws cloudtrail lookup-events with ${cli?.version ?? 'the AWS CLI v2'}`, () => {
  // Each CLI start costs a second or more on a loaded machine: these tests get 120 s.
  const aws = async (...args: string[]) => {
    await t.app.services.audit.flush();
    const { stdout } = await run(
      cli!.path,
      ['--endpoint-url', t.endpoint, '--output', 'json', 'cloudtrail', 'lookup-events', ...args],
      {
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: '/nonexistent',
          AWS_ACCESS_KEY_ID: t.root.accessKeyId,
          AWS_SECRET_ACCESS_KEY: t.root.secretAccessKey,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
    );
    return (JSON.parse(stdout) as { Events: LookupEvent[] }).Events;
  };
  const attribute = (key: string, value: string) => [
    '--lookup-attributes',
    `AttributeKey=${key},AttributeValue=${value}`,
  ];

  it('looks up by each attribute', async () => {
    const byName = async (key: string, value: string) => (await aws(...attribute(key, value))).map((e) => e.EventName);
    expect(await byName('Username', 'alice')).toContain('GetCallerIdentity');
    expect(await byName('EventName', 'CreateRole')).toEqual(['CreateRole']);
    expect(await byName('EventId', createRoleId)).toEqual(['CreateRole']);
    expect(await byName('AccessKeyId', alice.accessKeyId)).toContain('GetCallerIdentity');
    expect(await byName('ResourceType', 'AWS::S3::Object')).toEqual(['GetObject', 'PutObject']);
    expect(await byName('ResourceName', 'audited-role')).toEqual(['CreateRole']);
    expect(await byName('EventSource', 'sts.amazonaws.com')).toContain('GetCallerIdentity');
    expect(await byName('ReadOnly', 'true')).toContain('GetObject');
  }, 120_000);

  it('follows NextToken itself, and takes a time range', async () => {
    const all = await aws('--page-size', '1', ...attribute('EventSource', 's3.amazonaws.com'));
    expect(all.map((e) => e.EventName)).toEqual(['GetObject', 'PutObject', 'CreateBucket']);
    const future = await aws('--start-time', new Date(Date.now() + 3_600_000).toISOString());
    expect(future).toEqual([]);
    const parsed = JSON.parse(all[0]!.CloudTrailEvent);
    expect(parsed).toMatchObject({ eventCategory: 'Data', managementEvent: false, readOnly: true });
  }, 120_000);
});

describe.skipIf(!python)(`lookup_events with boto3 ${python?.version ?? ''}`, () => {
  it('pages through the events of a user with the paginator', async () => {
    await t.app.services.audit.flush();
    const script = `
import boto3, json, sys
from botocore.config import Config
ct = boto3.client("cloudtrail", endpoint_url=sys.argv[1], region_name="us-east-1",
  aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3], config=Config(retries={"max_attempts": 1}))
pages = ct.get_paginator("lookup_events").paginate(
  LookupAttributes=[{"AttributeKey": "EventSource", "AttributeValue": "s3.amazonaws.com"}],
  PaginationConfig={"PageSize": 1})
events = [e for page in pages for e in page["Events"]]
print(json.dumps({"names": [e["EventName"] for e in events], "time": type(events[0]["EventTime"]).__name__,
  "record": json.loads(events[0]["CloudTrailEvent"])["eventName"]}))
`;
    const { stdout } = await run(python!.path, ['-c', script, t.endpoint, t.root.accessKeyId, t.root.secretAccessKey], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(JSON.parse(stdout)).toEqual({
      names: ['GetObject', 'PutObject', 'CreateBucket'],
      time: 'datetime',
      record: 'GetObject',
    });
  });
});

/**
 * Account-level Block Public Access with the AWS SDK for JavaScript v3's S3 Control client over real sockets
 * (issue 7): PutPublicAccessBlock / GetPublicAccessBlock / DeletePublicAccessBlock, NoSuchPublicAccessBlockConfiguration
 * before a put and after a delete, the s3:*AccountPublicAccessBlock actions on `*`, and enforcement together with
 * the bucket-level setting (any flag on at either level applies): BlockPublicPolicy, RestrictPublicBuckets and
 * BlockPublicAcls set only on the account act on a bucket that has no configuration of its own.
 *
 * With a custom endpoint the SDK prefixes the account id to the host (`000000000000.localhost:<port>`), as S3
 * Control's endpoint rules do; the test resolves `*.localhost` to the loopback address the way systemd-resolved and
 * browsers do, so the request reaches iamd exactly as the SDK addressed it.
 */

import { Agent } from 'node:http';
import { lookup } from 'node:dns';
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  DeletePublicAccessBlockCommand,
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Credentials, clientsFor, failure, policyDocument } from '../support/aws-clients.js';
import { userWith } from '../support/s3-users.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BUCKET = 'account-blocked';
let t: TestApp;
let s3: S3Client;
let control: S3ControlClient;
let clients: ReturnType<typeof clientsFor>;

/** Resolves `<anything>.localhost` to the loopback address, as RFC 6761 §6.3 lets resolvers do. */
const localhostAgent = new Agent({
  lookup: (hostname, options, callback) =>
    lookup(hostname.endsWith('.localhost') ? '127.0.0.1' : hostname, options, callback),
});

function controlClient(credentials: Credentials): S3ControlClient {
  return new S3ControlClient({
    endpoint: t.endpoint.replace('127.0.0.1', 'localhost'),
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: localhostAgent }),
  });
}

const all = (on: boolean) => ({
  BlockPublicAcls: on,
  IgnorePublicAcls: on,
  BlockPublicPolicy: on,
  RestrictPublicBuckets: on,
});

const publicRead = policyDocument({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${BUCKET}/*`,
});

/** An anonymous GET of an object, path style. */
const anonymousGet = async (key: string) => (await fetch(`${t.endpoint}/${BUCKET}/${key}`)).status;

beforeAll(async () => {
  t = await startTestApp();
  clients = clientsFor(t, t.root);
  s3 = clients.s3;
  control = controlClient(t.root);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'open.txt', Body: 'hello' }));
});

afterAll(async () => {
  localhostAgent.destroy();
  await t?.app.close();
});

describe('account-level Block Public Access (S3 Control)', () => {
  it('puts, gets and deletes the account configuration', async () => {
    const AccountId = t.accountId;
    expect(await failure(control.send(new GetPublicAccessBlockCommand({ AccountId })))).toMatchObject({
      name: 'NoSuchPublicAccessBlockConfiguration',
      status: 404,
    });
    await control.send(
      new PutPublicAccessBlockCommand({
        AccountId,
        PublicAccessBlockConfiguration: { BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );
    const got = await control.send(new GetPublicAccessBlockCommand({ AccountId }));
    expect(got.PublicAccessBlockConfiguration).toEqual({
      ...all(false),
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    await control.send(new DeletePublicAccessBlockCommand({ AccountId }));
    await control.send(new DeletePublicAccessBlockCommand({ AccountId }));
    expect(await failure(control.send(new GetPublicAccessBlockCommand({ AccountId })))).toMatchObject({
      name: 'NoSuchPublicAccessBlockConfiguration',
    });
  });

  it('applies the account’s flags to a bucket without its own configuration', async () => {
    const AccountId = t.accountId;
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: publicRead }));
    expect(await anonymousGet('open.txt')).toBe(200);
    await control.send(new PutPublicAccessBlockCommand({ AccountId, PublicAccessBlockConfiguration: all(true) }));
    // RestrictPublicBuckets: the public policy no longer grants anonymous callers.
    expect(await anonymousGet('open.txt')).toBe(403);
    // BlockPublicPolicy: a public policy cannot be put again.
    expect(await failure(s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: publicRead })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    // BlockPublicAcls: a public canned ACL is refused as access denied, before ACLs being disabled.
    const acl = s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'acl.txt', Body: 'x', ACL: 'public-read' }));
    expect(await failure(acl)).toMatchObject({ name: 'AccessDenied', status: 403 });
    await control.send(new DeletePublicAccessBlockCommand({ AccountId }));
    expect(await anonymousGet('open.txt')).toBe(200);
  });

  it('authorizes s3:GetAccountPublicAccessBlock and s3:PutAccountPublicAccessBlock in the caller’s account only', async () => {
    const AccountId = t.accountId;
    const { credentials } = await userWith(t, clients.iam, 'pab-reader', {
      Effect: 'Allow',
      Action: 's3:GetAccountPublicAccessBlock',
      Resource: '*',
    });
    const reader = controlClient(credentials);
    await control.send(new PutPublicAccessBlockCommand({ AccountId, PublicAccessBlockConfiguration: all(false) }));
    expect((await reader.send(new GetPublicAccessBlockCommand({ AccountId }))).PublicAccessBlockConfiguration).toEqual(
      all(false),
    );
    for (const denied of [
      () => reader.send(new PutPublicAccessBlockCommand({ AccountId, PublicAccessBlockConfiguration: all(true) })),
      () => reader.send(new DeletePublicAccessBlockCommand({ AccountId })),
      () => control.send(new GetPublicAccessBlockCommand({ AccountId: '111122223333' })),
    ]) {
      expect(await failure(denied())).toMatchObject({ name: 'AccessDenied', status: 403 });
    }
    await control.send(new DeletePublicAccessBlockCommand({ AccountId }));
  });
});

#!/usr/bin/env node
/**
 * @module scripts/demo
 * `npm run demo`: plays the seed scenario end to end against a fresh in-memory iamd and prints each step with its
 * result — the resources of the seed's Terraform (role, policy, attachment, instance profile, bucket with a public
 * access block, instance), then a workload "on the instance" that gets rotating role credentials from the instance
 * metadata endpoint with the JS SDK's default chain, lists and reads the bucket, and is denied a write.
 * docs/seed-scenario.md explains every step next to the Terraform it stands for.
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const BUCKET = 'my-sts-demo-bucket';
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--workload') {
  await workload(process.argv[3]);
} else {
  await main();
}

/** The application on the instance: no keys anywhere, only AWS_EC2_METADATA_SERVICE_ENDPOINT. */
async function workload(bucket) {
  const s3 = new S3Client({ forcePathStyle: true, maxAttempts: 1 });
  const credentials = await s3.config.credentials();
  say(
    '  ',
    `credentials from instance metadata: ${credentials.accessKeyId} (expires ${credentials.expiration?.toISOString()})`,
  );
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  say('  ', `ListObjectsV2 ${bucket} → ${JSON.stringify((listed.Contents ?? []).map((o) => o.Key))}`);
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'hello.txt' }));
  say('  ', `GetObject hello.txt → ${JSON.stringify(await object.Body.transformToString())}`);
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'from-the-instance.txt', Body: 'hi' }));
    say('  ', 'PutObject → allowed (unexpected!)');
    process.exitCode = 1;
  } catch (error) {
    say('  ', `PutObject from-the-instance.txt → ${error.name}: ${error.message}`);
    if (error.name !== 'AccessDenied') process.exitCode = 1;
  }
}

function say(indent, text) {
  process.stdout.write(`${indent}${text}\n`);
}

async function main() {
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config/index.js');
  const { workloadEnv } = await import('../dist/cli/instance/index.js');
  const iamSdk = await import('@aws-sdk/client-iam');
  const s3Sdk = await import('@aws-sdk/client-s3');
  const ec2Sdk = await import('@aws-sdk/client-ec2');

  const app = await startApp({
    config: loadConfig({ port: 0, storage: 'memory', logLevel: 'silent', imdsPortRange: '0' }, {}),
  });
  let failed = false;
  try {
    const account = app.config.accountId;
    const common = {
      endpoint: app.url,
      region: app.config.region,
      credentials: { accessKeyId: app.bootstrap.accessKeyId, secretAccessKey: app.bootstrap.secretAccessKey },
    };
    const iam = new iamSdk.IAMClient(common);
    const s3 = new s3Sdk.S3Client({ ...common, forcePathStyle: true });
    const ec2 = new ec2Sdk.EC2Client(common);
    say('', `iamd demo — the seed scenario (docs/seed-scenario.md)`);
    say(
      '',
      `0. iamd listening on ${app.url}: account ${account}, region ${app.config.region}, memory storage; calls below are signed by the account's root key`,
    );

    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const role = await iam.send(
      new iamSdk.CreateRoleCommand({ RoleName: 'ec2-s3-access-role', AssumeRolePolicyDocument: trust }),
    );
    say('', `1. aws_iam_role: CreateRole ec2-s3-access-role, trusted by ec2.amazonaws.com → ${role.Role.Arn}`);
    const readPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` },
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
      ],
    });
    const policy = await iam.send(
      new iamSdk.CreatePolicyCommand({ PolicyName: 'ec2-s3-read-policy', PolicyDocument: readPolicy }),
    );
    say('', `2. aws_iam_policy: CreatePolicy ec2-s3-read-policy (s3:ListBucket, s3:GetObject) → ${policy.Policy.Arn}`);
    await iam.send(
      new iamSdk.AttachRolePolicyCommand({ RoleName: 'ec2-s3-access-role', PolicyArn: policy.Policy.Arn }),
    );
    say('', '3. aws_iam_role_policy_attachment: AttachRolePolicy → attached');
    const profile = await iam.send(
      new iamSdk.CreateInstanceProfileCommand({ InstanceProfileName: 'ec2-s3-instance-profile' }),
    );
    await iam.send(
      new iamSdk.AddRoleToInstanceProfileCommand({
        InstanceProfileName: 'ec2-s3-instance-profile',
        RoleName: 'ec2-s3-access-role',
      }),
    );
    say(
      '',
      `4. aws_iam_instance_profile: CreateInstanceProfile + AddRoleToInstanceProfile → ${profile.InstanceProfile.Arn}`,
    );
    await s3.send(new s3Sdk.CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new s3Sdk.PutPublicAccessBlockCommand({
        Bucket: BUCKET,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    await s3.send(new s3Sdk.PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello from iamd\n' }));
    say(
      '',
      `5. aws_s3_bucket + aws_s3_bucket_public_access_block: CreateBucket ${BUCKET}, PutPublicAccessBlock (all four on), PutObject hello.txt`,
    );
    const run = await ec2.send(
      new ec2Sdk.RunInstancesCommand({
        ImageId: 'ami-0abcdef1234567890',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        IamInstanceProfile: { Name: 'ec2-s3-instance-profile' },
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'sts-demo' }] }],
      }),
    );
    const instanceId = run.Instances[0].InstanceId;
    const endpoint = app.services.ec2.metadataEndpointOf(instanceId);
    say(
      '',
      `6. aws_instance: RunInstances with the instance profile (iam:PassRole checked) → ${instanceId}, metadata endpoint ${endpoint}/`,
    );

    say('', '7. the workload on the instance: the JS SDK v3 default credential chain, no keys in its environment');
    const { env, dispose } = workloadEnv(process.env, {
      AWS_ENDPOINT_URL: app.url,
      AWS_REGION: app.config.region,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: `${endpoint}/`,
    });
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--no-warnings', self, '--workload', BUCKET], { env, stdio: 'inherit' });
      child.on('exit', (exit) => resolve(exit ?? 1));
    });
    dispose();
    failed = code !== 0;

    const terminated = await ec2.send(new ec2Sdk.TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    say(
      '',
      `8. terraform destroy → TerminateInstances ${instanceId}: ${terminated.TerminatingInstances[0].CurrentState.Name}`,
    );
    say(
      '',
      failed
        ? 'demo FAILED: the workload did not behave as the scenario says'
        : 'demo done: read allowed, write denied, no key ever given to the workload',
    );
  } finally {
    await app.close();
  }
  process.exitCode = failed ? 1 : 0;
}

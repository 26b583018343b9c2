/**
 * Multipart checksums and account-level Block Public Access with boto3 (test/compat/s3_checksums_control.py) and the
 * AWS CLI v2 over real sockets (issue 7): `s3api create-multipart-upload --checksum-algorithm`, `upload-part
 * --checksum-algorithm`, `complete-multipart-upload` with each part's checksum, `head-object --checksum-mode
 * ENABLED`; `s3control put-/get-/delete-public-access-block --account-id`.
 *
 * S3 Control clients address `<account id>.<endpoint host>`; both clients run with `*.localhost` resolved to the
 * loopback address (test/compat/localhost_resolver.py), as systemd-resolved does, so they reach iamd exactly as
 * they addressed it.
 */

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { CLI_TEST_TIMEOUT_MS, findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
const python = findBoto3Python();
if (!cli) missingTool('AWS CLI v2', requireAll());
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

const resolver = new URL('./localhost_resolver.py', import.meta.url).pathname;

let t: TestApp;
let dir: string;
/** The endpoint by name, so S3 Control's `<account>.localhost` is resolvable by the helper. */
let endpoint: string;

beforeAll(async () => {
  t = await startTestApp();
  endpoint = t.endpoint.replace('127.0.0.1', 'localhost');
  dir = mkdtempSync(join(tmpdir(), 'iamd-sums-control-'));
});

afterAll(async () => {
  await t?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const clientEnv = () => ({
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, 'none'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
  AWS_MAX_ATTEMPTS: '1',
  // The resolver is imported as a module; leave no __pycache__ in the source tree.
  PYTHONDONTWRITEBYTECODE: '1',
});

describe.skipIf(!python)(`multipart checksums and S3 Control with boto3 ${python?.version ?? ''}`, () => {
  it('completes a SHA256 upload with a composite checksum and manages the account configuration', async () => {
    const script = new URL('./s3_checksums_control.py', import.meta.url).pathname;
    const args = [script, endpoint, t.root.accessKeyId, t.root.secretAccessKey, t.accountId];
    const { stdout } = await run(python!.path, args, { env: clientEnv() });
    const out = JSON.parse(stdout);
    expect(out.created_algorithm).toBe('SHA256');
    expect(out.part_checksums_match).toBe(true);
    expect(out.missing_part_checksum).toEqual({ code: 'InvalidRequest', status: 400 });
    expect([out.composite, out.checksum_type]).toEqual([out.composite_expected, 'COMPOSITE']);
    expect(out.pab_before).toEqual({ code: 'NoSuchPublicAccessBlockConfiguration', status: 404 });
    expect(out.pab).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: true,
    });
    expect(out.pab_after).toEqual({ code: 'NoSuchPublicAccessBlockConfiguration', status: 404 });
  }, 120_000);
});

describe.skipIf(!cli)(`multipart checksums and S3 Control with ${cli?.version ?? 'the AWS CLI v2'}`, () => {
  const aws = async (...args: string[]) => {
    const env = {
      ...clientEnv(),
      AWS_ACCESS_KEY_ID: t.root.accessKeyId,
      AWS_SECRET_ACCESS_KEY: t.root.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    // Debian's CLI is a Python program: run it under the resolver, unchanged otherwise.
    const { stdout } = await run('/usr/bin/python3', [resolver, cli!.path, '--endpoint-url', endpoint, ...args], {
      env,
      cwd: dir,
    });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  };

  it(
    'uploads parts with SHA1 checksums and completes them into a composite checksum',
    async () => {
      const part = Buffer.from('a single, small last part');
      writeFileSync(join(dir, 'part.bin'), part);
      await aws('s3api', 'create-bucket', '--bucket', 'cli-sums');
      const created = await aws(
        's3api',
        'create-multipart-upload',
        '--bucket',
        'cli-sums',
        '--key',
        'obj',
        '--checksum-algorithm',
        'SHA1',
      );
      expect(created.ChecksumAlgorithm).toBe('SHA1');
      const id = created.UploadId as string;
      const uploaded = await aws(
        's3api',
        'upload-part',
        '--bucket',
        'cli-sums',
        '--key',
        'obj',
        '--upload-id',
        id,
        '--part-number',
        '1',
        '--body',
        'part.bin',
        '--checksum-algorithm',
        'SHA1',
      );
      const sha1 = createHash('sha1').update(part).digest();
      expect(uploaded.ChecksumSHA1).toBe(sha1.toString('base64'));
      const parts = { Parts: [{ ETag: uploaded.ETag, PartNumber: 1, ChecksumSHA1: uploaded.ChecksumSHA1 }] };
      await aws(
        's3api',
        'complete-multipart-upload',
        '--bucket',
        'cli-sums',
        '--key',
        'obj',
        '--upload-id',
        id,
        '--multipart-upload',
        JSON.stringify(parts),
      );
      const head = await aws(
        's3api',
        'head-object',
        '--bucket',
        'cli-sums',
        '--key',
        'obj',
        '--checksum-mode',
        'ENABLED',
      );
      expect(head.ChecksumSHA1).toBe(`${createHash('sha1').update(sha1).digest('base64')}-1`);
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    'puts, gets and deletes the account Block Public Access configuration',
    async () => {
      const account = ['--account-id', t.accountId];
      await expect(aws('s3control', 'get-public-access-block', ...account)).rejects.toThrow(
        /NoSuchPublicAccessBlockConfiguration/,
      );
      const config = 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false';
      await aws('s3control', 'put-public-access-block', ...account, '--public-access-block-configuration', config);
      expect((await aws('s3control', 'get-public-access-block', ...account)).PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      });
      await aws('s3control', 'delete-public-access-block', ...account);
      await expect(aws('s3control', 'get-public-access-block', ...account)).rejects.toThrow(
        /NoSuchPublicAccessBlockConfiguration/,
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

/**
 * S3 versioning with the AWS CLI v2 (`put-bucket-versioning`, `list-object-versions`, `get-object --version-id`) and
 * boto3 (test/compat/s3_versioning_boto3.py: a short lifecycle with the list_object_versions paginator) over real
 * sockets (issue 7).
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, isolatedCliEnv, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());
const python = findBoto3Python();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'iamd-versioning-'));
});

afterAll(async () => {
  await t?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = () => ({
  ...isolatedCliEnv(dir, t.root.accessKeyId, t.root.secretAccessKey),
});

describe.skipIf(!cli)(`S3 versioning with ${cli?.version ?? 'the AWS CLI v2'}`, () => {
  const aws = async (...args: string[]) => {
    const { stdout } = await run(cli!.path, ['--endpoint-url', t.endpoint, '--output', 'json', ...args], {
      env: env(),
      cwd: dir,
    });
    return stdout.trim() === '' ? {} : JSON.parse(stdout);
  };

  it('enables versioning, lists versions and downloads an old one by id', async () => {
    await aws('s3api', 'create-bucket', '--bucket', 'cli-versions');
    await aws(
      's3api',
      'put-bucket-versioning',
      '--bucket',
      'cli-versions',
      '--versioning-configuration',
      'Status=Enabled',
    );
    expect(await aws('s3api', 'get-bucket-versioning', '--bucket', 'cli-versions')).toMatchObject({
      Status: 'Enabled',
    });
    const file = join(dir, 'body.txt');
    writeFileSync(file, 'version one');
    const first = await aws('s3api', 'put-object', '--bucket', 'cli-versions', '--key', 'f', '--body', file);
    writeFileSync(file, 'version two');
    const second = await aws('s3api', 'put-object', '--bucket', 'cli-versions', '--key', 'f', '--body', file);
    expect(first.VersionId).not.toBe(second.VersionId);
    const marker = await aws('s3api', 'delete-object', '--bucket', 'cli-versions', '--key', 'f');
    expect(marker.DeleteMarker).toBe(true);

    const listed = await aws('s3api', 'list-object-versions', '--bucket', 'cli-versions');
    expect(listed.Versions.map((v: { VersionId: string; IsLatest: boolean }) => [v.VersionId, v.IsLatest])).toEqual([
      [second.VersionId, false],
      [first.VersionId, false],
    ]);
    expect(listed.DeleteMarkers).toMatchObject([{ Key: 'f', VersionId: marker.VersionId, IsLatest: true }]);

    const out = join(dir, 'old.txt');
    const got = await aws(
      's3api',
      'get-object',
      '--bucket',
      'cli-versions',
      '--key',
      'f',
      '--version-id',
      first.VersionId,
      out,
    );
    expect(got.VersionId).toBe(first.VersionId);
    expect(readFileSync(out, 'utf8')).toBe('version one');
  });
});

describe.skipIf(!python)(`S3 versioning with boto3 ${python?.version ?? ''}`, () => {
  it('runs the versioning scenario', async () => {
    const script = new URL('./s3_versioning_boto3.py', import.meta.url).pathname;
    const { stdout } = await run(python!.path, [script, t.endpoint, t.root.accessKeyId, t.root.secretAccessKey], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(JSON.parse(stdout)).toEqual({
      status: 'Enabled',
      distinct: true,
      old: 'first',
      current_version: true,
      delete_marker: true,
      after_delete: ['NoSuchKey', 'true'],
      // [is v1, is v2, IsLatest, is a delete marker], sorted.
      listed: [
        [false, false, true, true],
        [false, true, false, false],
        [true, false, false, false],
      ],
      deleted: 3,
      bucket_gone: true,
    });
  });
});

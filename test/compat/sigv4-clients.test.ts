/**
 * SigV4 with the other real clients over sockets (issue 4): boto3 (test/compat/sigv4_clients.py: put_object with
 * awkward keys, additional checksums, upload_file/download_file, generate_presigned_url) and the AWS CLI v2
 * (`aws s3 cp` of a multi-MiB file both ways, and of a key with spaces and unicode). Debian's awscli 2.9 and
 * boto3 1.26 predate AWS_ENDPOINT_URL, so the endpoint is passed explicitly.
 */

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';
import { send, signed } from './sigv4-requests.js';

const run = promisify(execFile);
const python = findBoto3Python();
const cli = findAwsCliV2();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());
if (!cli) missingTool('AWS CLI v2', requireAll());

let t: TestApp;
let dir: string;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const baseEnv = () => ({
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, 'none'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
  AWS_EC2_METADATA_DISABLED: 'true',
});

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'iamd-sigv4-'));
  for (const bucket of ['sigv4-boto3', 'sigv4-cli']) {
    expect((await send(t, signed(t, { method: 'PUT', path: `/${bucket}` }))).status).toBe(200);
  }
});

afterAll(async () => {
  await t?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!python)(`boto3 ${python?.version ?? ''}`, () => {
  // biome-ignore lint/suspicious/noExplicitAny: the script's JSON observations.
  let out: any;

  beforeAll(async () => {
    const script = new URL('./sigv4_clients.py', import.meta.url).pathname;
    const scratch = mkdtempSync(join(dir, 'boto3-'));
    const { stdout } = await run(
      python!.path,
      [script, t.endpoint, t.root.accessKeyId, t.root.secretAccessKey, 'sigv4-boto3', scratch],
      { env: baseEnv(), maxBuffer: 16 * 1024 * 1024 },
    );
    out = JSON.parse(stdout);
  });

  it('put_object and get_object round-trip keys with spaces, unicode, +, %, //, ./ and ../', () => {
    for (const [key, result] of Object.entries(out.round_trips)) {
      expect(result, key).toEqual({ ok: true, value: true });
    }
    expect(out.listed).toEqual(expect.arrayContaining(Object.keys(out.round_trips)));
  });

  it('sends CRC32, CRC32C, SHA1 and SHA256 checksums that iamd verifies and returns', () => {
    for (const [algorithm, result] of Object.entries(out.checksums)) {
      expect(result, algorithm).toMatchObject({ ok: true, value: { intact: true } });
      const { sent, returned } = (result as { value: { sent: string; returned: string } }).value;
      expect(returned, algorithm).toBe(sent);
      expect(sent, algorithm).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
  });

  it('upload_file and download_file keep every byte (6 MiB, and 9 MiB in one part)', () => {
    expect(out.transfers).toEqual({ 'small.bin': true, 'large.bin': true });
  });

  it('generate_presigned_url gives PUT and GET URLs that plain HTTP can use', () => {
    expect(out.presigned_has_signature).toBe(true);
    expect(out.presigned_put_status).toBe(200);
    expect(out.presigned_get).toBe('via presigned PUT');
  });
});

describe.skipIf(!cli)(`${cli?.version ?? 'the AWS CLI v2'}`, () => {
  const aws = (...args: string[]) =>
    run(cli!.path, ['--endpoint-url', t.endpoint, ...args], {
      env: {
        ...baseEnv(),
        AWS_ACCESS_KEY_ID: t.root.accessKeyId,
        AWS_SECRET_ACCESS_KEY: t.root.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_PAGER: '',
        AWS_MAX_ATTEMPTS: '1',
      },
      cwd: dir,
    });

  it('aws s3 cp copies a multi-MiB file up and back down unchanged', async () => {
    const data = randomBytes(7 * 1024 * 1024 + 5);
    writeFileSync(join(dir, 'up.bin'), data);
    await aws('s3', 'cp', join(dir, 'up.bin'), 's3://sigv4-cli/dir/copy of up.bin');
    const stored = await send(t, signed(t, { method: 'GET', path: '/sigv4-cli/dir/copy%20of%20up.bin' }));
    expect(sha256(stored.body)).toBe(sha256(data));
    await aws('s3', 'cp', 's3://sigv4-cli/dir/copy of up.bin', join(dir, 'down.bin'));
    expect(sha256(readFileSync(join(dir, 'down.bin')))).toBe(sha256(data));
  });

  it('aws s3 cp handles a key with unicode and a plus sign', async () => {
    writeFileSync(join(dir, 'small.txt'), 'small file\n');
    await aws('s3', 'cp', join(dir, 'small.txt'), 's3://sigv4-cli/ünï code+plus.txt');
    const { stdout } = await aws('s3', 'cp', 's3://sigv4-cli/ünï code+plus.txt', '-');
    expect(stdout).toBe('small file\n');
  });
});

/**
 * S3 objects with boto3 (test/compat/s3_boto3.py) against a real iamd over loopback (issue 7): `upload_file` and
 * `download_file` above the 8 MiB multipart threshold, byte-identical; ranges, conditional reads, copy, tagging,
 * paginated v1 and v2 listings, a presigned GET, DeleteObjects and DeleteBucket.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const python = findBoto3Python();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

describe.skipIf(!python)(`S3 objects with boto3 ${python?.version ?? ''}`, () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'iamd-boto3-s3-'));
  });
  afterAll(async () => {
    await t?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads and downloads in parts, and uses the object API', async () => {
    const script = new URL('./s3_boto3.py', import.meta.url).pathname;
    const { stdout } = await run(python!.path, [script, t.endpoint, t.root.accessKeyId, t.root.secretAccessKey, dir], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    const out = JSON.parse(stdout);
    expect(out.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(out.metadata).toEqual({ k: 'v' });
    expect(out.same_bytes).toBe(true);
    expect(out.size).toBe(20 * 1024 * 1024);
    expect(out.range).toEqual([206, `bytes 0-9/${20 * 1024 * 1024}`, 10]);
    expect(out.not_modified).toEqual({ code: '304', status: 304 });
    expect(out.copied).toBe('hello');
    expect(out.tags).toEqual([{ Key: 't', Value: '1' }]);
    expect(out.keys).toEqual(['a+b c.txt', 'copy.txt', 'dir/big file.bin']);
    expect(out.keys_v1).toEqual(out.keys);
    expect(out.presigned).toBe('hello');
    expect(out.deleted).toEqual(out.keys);
    expect(out.left).toBe(0);
    expect(out.bucket_gone).toEqual({ code: '404', status: 404 });
  }, 120_000);
});

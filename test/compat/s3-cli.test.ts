/**
 * S3 with the AWS CLI v2 (Debian's awscli 2.9, which predates AWS_ENDPOINT_URL, so every call passes --endpoint-url)
 * over real sockets (issue 7): `aws s3 cp` of a 200 MiB file (25 parts of the CLI's 8 MiB) and `aws s3 sync` of a
 * tree of 1,000 small files, both directions, byte-identical; `ls`, `rm --recursive`, `rb`.
 */

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, isolatedCliEnv, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());

const MIB = 1024 * 1024;
/** The large file's size in MiB, as issue 7 asks. */
const BIG_MIB = 200;
const FILES = 1000;

/** Every file under `root`, relative path → SHA-256. */
function treeHashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(root.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

describe.skipIf(!cli)(`S3 with ${cli?.version ?? 'the AWS CLI v2'}`, () => {
  let t: TestApp;
  let dir: string;

  const aws = async (...args: string[]) => {
    const env: Record<string, string> = {
      ...isolatedCliEnv(dir, t.root.accessKeyId, t.root.secretAccessKey),
    };
    const { stdout } = await run(cli!.path, ['--endpoint-url', t.endpoint, ...args], {
      env,
      cwd: dir,
      maxBuffer: 16 * MIB,
    });
    return stdout;
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'iamd-cli-s3-'));
    // The 200 MiB: one MiB of hash output, repeated with each MiB's index in its first bytes, so parts
    // put back in the wrong order cannot compare equal.
    const block = Buffer.alloc(MIB);
    for (let i = 0; i < MIB; i += 32) createHash('sha256').update(String(i)).digest().copy(block, i);
    const big = Buffer.alloc(BIG_MIB * MIB);
    for (let m = 0; m < BIG_MIB; m++) {
      block.copy(big, m * MIB);
      big.writeUInt32BE(m, m * MIB);
    }
    writeFileSync(join(dir, 'big.bin'), big);
    for (let i = 0; i < FILES; i++) {
      const sub = join(dir, 'tree', `d${i % 10}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `file ${i}.txt`), `content of file ${i}\n`);
    }
  });

  afterAll(async () => {
    await t?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies a large file up and down in parts, byte-identical', async () => {
    await aws('s3', 'mb', 's3://cli-objects');
    await aws('s3', 'cp', 'big.bin', 's3://cli-objects/big.bin', '--only-show-errors');
    const head = JSON.parse(await aws('s3api', 'head-object', '--bucket', 'cli-objects', '--key', 'big.bin'));
    // The CLI's default 8 MiB parts: 25 of them, in S3's multipart ETag.
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-25"$/);
    expect(head.ContentLength).toBe(BIG_MIB * MIB);
    await aws('s3', 'cp', 's3://cli-objects/big.bin', 'back.bin', '--only-show-errors');
    expect(readFileSync(join(dir, 'back.bin')).equals(readFileSync(join(dir, 'big.bin')))).toBe(true);
  }, 300_000);

  it('syncs a tree of 1,000 files both ways, lists, removes and deletes the bucket', async () => {
    await aws('s3', 'sync', 'tree', 's3://cli-objects/tree', '--only-show-errors');
    const listing = await aws('s3', 'ls', 's3://cli-objects/tree/');
    expect(
      listing
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `PRE d${i}/`));
    const recursive = await aws('s3', 'ls', 's3://cli-objects/tree/', '--recursive');
    expect(recursive.trim().split('\n')).toHaveLength(FILES);
    await aws('s3', 'sync', 's3://cli-objects/tree', 'back-tree', '--only-show-errors');
    expect(treeHashes(join(dir, 'back-tree'))).toEqual(treeHashes(join(dir, 'tree')));
    // A second sync finds nothing to do.
    expect(await aws('s3', 'sync', 'tree', 's3://cli-objects/tree')).toBe('');
    await aws('s3', 'rm', 's3://cli-objects', '--recursive', '--only-show-errors');
    await aws('s3', 'rb', 's3://cli-objects');
    await expect(aws('s3api', 'head-bucket', '--bucket', 'cli-objects')).rejects.toThrow(/404/);
  }, 300_000);
});

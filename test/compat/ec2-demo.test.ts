/**
 * `npm run demo` (scripts/demo.mjs against the built dist/): the seed scenario plays clean — every step printed, the
 * workload reads the bucket with instance credentials and is denied the write — and exits 0.
 */

import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasBuiltCli } from './workloads/seed.js';

const demo = new URL('../../scripts/demo.mjs', import.meta.url).pathname;

describe.skipIf(!hasBuiltCli)('npm run demo', () => {
  it('plays the seed scenario and exits 0', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--no-warnings', demo], { timeout: 60_000 }, (error, out) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
      );
    });
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/6\. aws_instance: RunInstances .* → i-[0-9a-f]{17}/);
    expect(stdout).toContain('ListObjectsV2 my-sts-demo-bucket → ["hello.txt"]');
    expect(stdout).toContain('GetObject hello.txt → "hello from iamd\\n"');
    expect(stdout).toMatch(
      /PutObject from-the-instance\.txt → AccessDenied: User: arn:aws:sts::000000000000:assumed-role\/ec2-s3-access-role\/i-/,
    );
    expect(stdout).toContain('demo done');
  });
});

/**
 * Finds the real clients the compatibility suites drive: AWS CLI v2 and boto3 (Debian's `awscli` and
 * `python3-boto3`). A missing tool skips its suite with a visible reason, except under IAMD_TEST_REQUIRE_ALL=1
 * (CI), where it fails the run.
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

function versionOf(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

/** Path of an AWS CLI v2 binary, preferring Debian's over whatever else is first on PATH (often a v1 shim). */
export function findAwsCliV2(): { path: string; version: string } | undefined {
  for (const candidate of ['/usr/bin/aws', '/usr/local/bin/aws', 'aws']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    const version = versionOf(candidate, ['--version']);
    if (version?.startsWith('aws-cli/2.')) return { path: candidate, version };
  }
  return undefined;
}

/** A python3 that can import boto3, preferring Debian's interpreter. */
export function findBoto3Python(): { path: string; version: string } | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    const version = versionOf(candidate, ['-c', 'import boto3; print(boto3.__version__)']);
    if (version) return { path: candidate, version };
  }
  return undefined;
}

/** Explains why a suite is skipped, or throws when nothing may be skipped. */
export function missingTool(name: string, requireAll: boolean): void {
  const message = `${name} not found: skipping its compatibility suite (install it, e.g. apt-get install awscli python3-boto3)`;
  if (requireAll) throw new Error(`${message}; IAMD_TEST_REQUIRE_ALL=1 forbids skipping`);
  console.warn(`SKIP: ${message}`);
}

/**
 * The timeout of a test that runs the AWS CLI several times: each call is a Python process, about 0.5 s on an idle
 * machine and several seconds on a busy two-core one, so vitest's 30 s default is too tight for a dozen calls.
 */
export const CLI_TEST_TIMEOUT_MS = 120_000;

/**
 * The environment of an AWS CLI process that sees nothing of the machine's own AWS setup: `home` as its home, no
 * config or credentials files, no instance metadata, no pager, one attempt per call, and the given key.
 */
export function isolatedCliEnv(home: string, accessKeyId: string, secretAccessKey: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
}

/**
 * The built artifact, as `npm start` runs it: `node dist/cli/main.js serve` with SQLite in a fresh data dir.
 * First start prints the root secret once and writes the credentials file (0600); a restart keeps the data and
 * never prints the secret again; SIGTERM and SIGINT stop it cleanly.
 */

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';

const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'iamd-serve-'));

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  banner: string;
}

/** Starts the server and collects its banner up to the AWS_ENDPOINT_URL hint. */
function start(): Promise<Started> {
  const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { PATH: process.env['PATH'] ?? '', IAMD_LOG_LEVEL: 'warn' },
  });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.includes('AWS_ENDPOINT_URL=')) {
        const url = /listening on (http:\/\/\S+)/.exec(lines.join('\n'))?.[1];
        if (url) resolve({ child, url, banner: lines.join('\n') });
        else reject(new Error(`no URL in banner:\n${lines.join('\n')}`));
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.once('exit', (code) => reject(new Error(`iamd exited with ${code}: ${stderr}`)));
  });
}

function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

function readCredentials(): { accessKeyId: string; secretAccessKey: string } {
  const text = readFileSync(join(dataDir, 'credentials'), 'utf8');
  return {
    accessKeyId: /aws_access_key_id = (\S+)/.exec(text)?.[1] ?? '',
    secretAccessKey: /aws_secret_access_key = (\S+)/.exec(text)?.[1] ?? '',
  };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(!existsSync(main))('iamd serve (built artifact)', () => {
  it('bootstraps once, persists across restarts and stops on signals', async () => {
    const first = await start();
    try {
      expect((await fetch(`${first.url}/_iamd/health`)).status).toBe(200);
      const file = join(dataDir, 'credentials');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
      const credentials = readCredentials();
      expect(credentials.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(first.banner).toContain(credentials.secretAccessKey);
      expect(first.banner).toContain(file);
      const client = { endpoint: first.url, region: 'us-east-1', credentials };
      const id = await new STSClient(client).send(new GetCallerIdentityCommand({}));
      expect(id.Arn).toBe('arn:aws:iam::000000000000:root');
      const trust = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      await new IAMClient(client).send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trust }));
    } finally {
      expect(await stop(first.child, 'SIGTERM')).toBe(0);
    }

    const second = await start();
    try {
      const credentials = readCredentials();
      expect(second.banner).not.toContain(credentials.secretAccessKey);
      expect(second.banner).toContain(credentials.accessKeyId);
      const client = { endpoint: second.url, region: 'us-east-1', credentials };
      const role = await new IAMClient(client).send(new GetRoleCommand({ RoleName: 'kept' }));
      expect(role.Role?.Arn).toBe('arn:aws:iam::000000000000:role/kept');
    } finally {
      expect(await stop(second.child, 'SIGINT')).toBe(0);
    }
  });
});

if (!existsSync(main)) {
  const message = 'dist/cli/main.js not built: run `npm run build` (npm test builds first)';
  if (process.env['IAMD_TEST_REQUIRE_ALL'] === '1') throw new Error(message);
  console.warn(`SKIP: ${message}`);
}

describe.skipIf(!existsSync(main))('IAMD_BOOTSTRAP', () => {
  it('applies the bootstrap file at start, idempotently', async () => {
    const { writeFileSync } = await import('node:fs');
    const bootDir = mkdtempSync(join(tmpdir(), 'iamd-boot-'));
    const file = join(bootDir, 'bootstrap.json');
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    writeFileSync(
      file,
      JSON.stringify({
        RoleDetailList: [{ RoleName: 'booted', Path: '/', AssumeRolePolicyDocument: trust }],
        Buckets: [{ Name: 'booted-bucket' }],
      }),
    );
    const startWith = () =>
      new Promise<{ child: ChildProcessWithoutNullStreams; out: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--data-dir', join(bootDir, 'data')], {
          env: { PATH: process.env['PATH'] ?? '', IAMD_LOG_LEVEL: 'warn', IAMD_BOOTSTRAP: file },
        });
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += String(chunk);
          if (out.includes('AWS_ENDPOINT_URL=')) resolve({ child, out });
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
    try {
      const first = await startWith();
      expect(first.out).toContain('"roles":1');
      expect(first.out).toContain('"buckets":1');
      expect(await stop(first.child, 'SIGTERM')).toBe(0);
      const second = await startWith();
      expect(second.out).toContain('"roles":0');
      expect(second.out).toContain('"buckets":0');
      expect(await stop(second.child, 'SIGTERM')).toBe(0);
    } finally {
      rmSync(bootDir, { recursive: true, force: true });
    }
  });
});

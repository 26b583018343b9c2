/**
 * The built artifact with `audit.failClosed` and an audit file: every request acknowledged before a `kill -9` has
 * its record in the file and in the database; `iamd audit tail` and `iamd policy generate` read them from the data
 * dir afterwards.
 */

import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { clientsFor, policyDocument } from '../support/aws-clients.js';
import { trustPolicy } from '../support/scenario.js';

const run = promisify(execFile);
const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'iamd-audit-e2e-'));
const auditFile = join(dataDir, 'audit.jsonl');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: {
      PATH: process.env['PATH'] ?? '',
      IAMD_LOG_LEVEL: 'warn',
      IAMD_AUDIT_FAIL_CLOSED: 'true',
      IAMD_AUDIT_FILE: auditFile,
    },
  });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`iamd exited with ${code}: ${lines.join('\n')}`)));
  });
}

const iamd = async (...args: string[]) =>
  (await run(process.execPath, [main, ...args, '--data-dir', dataDir], { env: { PATH: process.env['PATH'] ?? '' } }))
    .stdout;

describe.skipIf(!existsSync(main))('audit records survive kill -9 (built artifact)', () => {
  it('keeps the record of every acknowledged request, readable with iamd audit tail and policy generate', async () => {
    const { child, url } = await start();
    const text = readFileSync(join(dataDir, 'credentials'), 'utf8');
    const root = {
      accessKeyId: /aws_access_key_id = (\S+)/.exec(text)?.[1] ?? '',
      secretAccessKey: /aws_secret_access_key = (\S+)/.exec(text)?.[1] ?? '',
    };
    const admin = clientsFor({ endpoint: url }, root);
    const acknowledged: string[] = [];
    const note = (out: { $metadata: { requestId?: string } }) => acknowledged.push(out.$metadata.requestId!);
    note(
      await admin.iam.send(
        new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: trustPolicy('000000000000') }),
      ),
    );
    note(
      await admin.iam.send(
        new PutRolePolicyCommand({
          RoleName: 'ci',
          PolicyName: 'star',
          PolicyDocument: policyDocument({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
        }),
      ),
    );
    const assumed = await admin.sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/ci', RoleSessionName: 'job' }),
    );
    note(assumed);
    const c = assumed.Credentials!;
    const job = clientsFor(
      { endpoint: url },
      { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
    );
    note(await job.s3.send(new ListBucketsCommand({})));
    const burst = await Promise.all(Array.from({ length: 40 }, () => admin.sts.send(new GetCallerIdentityCommand({}))));
    for (const out of burst) note(out);
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

    const inFile = new Set(
      readFileSync(auditFile, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { requestID: string }).requestID),
    );
    expect(acknowledged.filter((id) => !inFile.has(id))).toEqual([]);

    const tailed = (await iamd('audit', 'tail', '--lines', '1000'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { requestID: string; eventName: string });
    const inDatabase = new Set(tailed.map((record) => record.requestID));
    expect(acknowledged.filter((id) => !inDatabase.has(id))).toEqual([]);
    const denied = await iamd('audit', 'tail', '--denied');
    expect(denied).toBe('');
    const byJob = (await iamd('audit', 'tail', '--principal', 'ci')).trimEnd().split('\n');
    expect(byJob.map((line) => (JSON.parse(line) as { eventName: string }).eventName)).toEqual(['ListBuckets']);

    const generated = JSON.parse(await iamd('policy', 'generate', '--role', 'ci', '--since', '1h'));
    expect(generated).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
    });
  });
});

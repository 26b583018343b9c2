/**
 * `iamd policy validate | simulate | explain` from the built artifact, offline and against a stored data dir.
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';

const run = promisify(execFile);
const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'iamd-policy-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const iamd = async (...args: string[]) => {
  try {
    const { stdout } = await run(process.execPath, [main, ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const readPolicy = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
};
const request = (action: string) => ({
  request: {
    principal: { type: 'User', accountId: '000000000000', arn: 'arn:aws:iam::000000000000:user/alice' },
    action,
    resource: 'arn:aws:s3:::b/k',
    context: { 'aws:SourceIp': '10.0.0.1' },
  },
  policies: { identity: [readPolicy] },
});

describe.skipIf(!existsSync(main))('iamd policy', () => {
  it('validates with IAM messages and exit codes', async () => {
    expect(await iamd('policy', 'validate', file('ok.json', readPolicy))).toMatchObject({
      code: 0,
      stdout: 'valid identity policy (1 statements)\n',
    });
    const bad = await iamd(
      'policy',
      'validate',
      file('bad.json', { Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 's3:*', Resource: '*' }] }),
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^invalid identity policy: /);
    const trust = await iamd('policy', 'validate', '--kind', 'trust', file('ok-as-trust.json', readPolicy));
    expect(trust.code).toBe(1);
  });

  it('warns about IAM and STS actions that do not exist, and stays quiet about services it does not know', async () => {
    const typo = await iamd(
      'policy',
      'validate',
      file('typo.json', {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iam:PassRoll', 'iam:PassRole', 'sts:AssumeRole', 's3:GetObjekt'],
            Resource: '*',
          },
        ],
      }),
    );
    expect(typo.code).toBe(0);
    expect(typo.stdout).toContain('warning: statement 1: Unknown action iam:PassRoll');
    expect(typo.stdout).not.toContain('PassRole:');
    expect(typo.stdout).not.toContain('s3:GetObjekt');
  });

  it('simulates and explains from the engine JSON shapes', async () => {
    const allowed = await iamd('policy', 'simulate', '--json', file('allow.json', request('s3:GetObject')));
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({
      outcome: 'Allow',
      matched: [{ sid: 'Read', effect: 'Allow', layer: 'identity' }],
    });
    const denied = await iamd('policy', 'explain', file('deny.json', request('s3:PutObject')));
    expect(denied.stdout).toContain(
      'ImplicitDeny: arn:aws:iam::000000000000:user/alice → s3:PutObject on arn:aws:s3:::b/k',
    );
    expect(denied.stdout).toContain(
      'AccessDenied: User: arn:aws:iam::000000000000:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action',
    );
    expect((await iamd('policy', 'simulate', file('deny2.json', request('s3:PutObject')))).code).toBe(3);
  });

  it('simulates with what a data dir stores', async () => {
    const dataDir = join(dir, 'data');
    const app = await startApp({
      config: loadConfig({ port: 0, dataDir, logLevel: 'silent' }, {}),
      logger: pino({ level: 'silent' }),
    });
    try {
      await app.services.iam.roles.create('000000000000', {
        RoleName: 'stored',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      });
      await app.services.iam.roles.putPolicy('000000000000', {
        RoleName: 'stored',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify(readPolicy),
      });
    } finally {
      await app.close();
    }
    const out = await iamd(
      'policy',
      'simulate',
      '--data-dir',
      dataDir,
      '--principal',
      'arn:aws:iam::000000000000:role/stored',
      '--action',
      's3:GetObject',
      '--action',
      's3:PutObject',
      '--resource',
      'arn:aws:s3:::b/k',
    );
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).EvaluationResults.map((r: { EvalDecision: string }) => r.EvalDecision)).toEqual([
      'allowed',
      'implicitDeny',
    ]);
  });
});

/**
 * The seed scenario with boto3 (test/compat/boto3_scenario.py), against a real iamd over loopback.
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const python = findBoto3Python();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

describe.skipIf(!python)(`the seed scenario with boto3 ${python?.version ?? ''}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('sets up, assumes the role, reads, and is denied writes with reasons', async () => {
    const script = new URL('./boto3_scenario.py', import.meta.url).pathname;
    const { stdout } = await run(
      python!.path,
      [script, t.endpoint, t.accountId, t.root.accessKeyId, t.root.secretAccessKey],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: '/nonexistent',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );
    const out = JSON.parse(stdout);
    const sessionArn = `arn:aws:sts::${t.accountId}:assumed-role/boto-role/boto`;
    expect(out.caller).toBe(`arn:aws:iam::${t.accountId}:root`);
    expect(out.trust_round_trip).toBe(true);
    expect(out.profile_roles).toEqual(['boto-role']);
    expect(out.malformed_trust).toMatchObject({ code: 'MalformedPolicyDocument', status: 400 });
    expect(out.validation).toEqual({
      code: 'ValidationError',
      status: 400,
      message: `1 validation error detected: Value '${'s'.repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    });
    expect(out.session_caller).toBe(sessionArn);
    expect(out.listed).toEqual(['dir/hello world.txt']);
    expect(out.body).toBe('hello from boto3\n');
    expect(out.put_denied).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(out.put_denied.message).toContain(`User: ${sessionArn} is not authorized to perform: s3:PutObject`);
    expect(out.delete_denied.message).toContain(
      's3:DeleteObject on resource: arn:aws:s3:::boto-bucket/dir/hello world.txt',
    );
  });
});

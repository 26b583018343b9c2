/**
 * IAM administration with boto3 (test/compat/iam_boto3.py): botocore's paginators, parsed documents and errors.
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const python = findBoto3Python();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

describe.skipIf(!python)(`IAM administration with boto3 ${python?.version ?? ''}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('pages, reads documents and reports the AWS error codes', async () => {
    const script = new URL('./iam_boto3.py', import.meta.url).pathname;
    const { stdout } = await run(python!.path, [script, t.endpoint, t.root.accessKeyId, t.root.secretAccessKey], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    const out = JSON.parse(stdout);
    expect(out.users).toEqual(['user0', 'user1', 'user2', 'user3', 'user4']);
    expect(out.members).toEqual(['user0', 'user1', 'user2']);
    expect(out.user_groups).toEqual(['g']);
    // botocore URL-decodes and parses policy documents; a dict proves the encoding round-trips.
    expect(out.role_trust_is_dict).toBe(true);
    expect(out.role_policies).toEqual(['p0', 'p1', 'p2']);
    expect(out.role_policy_doc.Statement[0].Action).toBe('s3:GetObject');
    expect(out.role_tags).toEqual([
      { Key: 'k', Value: 'v' },
      { Key: 'k2', Value: 'v2' },
    ]);
    expect(out.default_doc.Statement[0].Action).toBe('s3:PutObject');
    expect(out.attachment_count).toBe(2);
    expect(out.entities).toEqual({ roles: ['boto-admin'], groups: ['g'] });
    expect(out.local_policies).toEqual(['boto-policy']);
    expect(out.profiles_for_role).toEqual(['boto-profile']);
    expect(out.keys).toEqual([[true, 'Inactive']]);
    expect(out.last_used).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
    expect(out.aliases).toEqual(['boto-alias']);
    expect(out.summary).toEqual({ Users: 5, Groups: 1, Roles: 1, Policies: 1, InstanceProfiles: 1, MFADevices: 0 });
    expect(out.details).toEqual({ pages: 2, roles: ['boto-admin'], policies: ['boto-policy'], trust_is_dict: true });
    expect(out.versions).toEqual(['v5', 'v4', 'v3', 'v2', 'v1']);
    expect(out.boundary).toBe(true);
    expect(out.mfa).toEqual({ seed_length: 64, png: true });
    expect(out.oidc).toBe('oidc.example.com');
    expect(out.aws_policy).toBe('AdministratorAccess');
    expect(out.errors).toEqual({
      no_such_user: { code: 'NoSuchEntity', status: 404, message: 'The user with name nobody cannot be found.' },
      duplicate_role: {
        code: 'EntityAlreadyExists',
        status: 409,
        message: 'Role with name BOTO-ADMIN already exists.',
      },
      delete_role: {
        code: 'DeleteConflict',
        status: 409,
        message: 'Cannot delete entity, must remove roles from instance profile first.',
      },
      delete_group: {
        code: 'DeleteConflict',
        status: 409,
        message: 'Cannot delete entity, must remove users from group first.',
      },
      malformed: expect.objectContaining({ code: 'MalformedPolicyDocument', status: 400 }),
      delete_default: {
        code: 'DeleteConflict',
        status: 409,
        message: 'Cannot delete the default version of a policy.',
      },
      bad_marker: { code: 'InvalidInput', status: 400, message: 'Invalid Marker.' },
      sixth_version: expect.objectContaining({ code: 'LimitExceeded', status: 409 }),
      bad_mfa_codes: {
        code: 'InvalidAuthenticationCode',
        status: 403,
        message: 'Authentication code for device is not valid.',
      },
      aws_policy_change: expect.objectContaining({ code: 'AccessDenied', status: 403 }),
      group_quota: { code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for PoliciesPerGroup: 10' },
    });
  });
});

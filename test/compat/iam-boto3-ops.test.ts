/**
 * Every IAM operation not driven by iam_boto3.py, with its paginator and errors, through boto3 in one Python process
 * (test/compat/iam_boto3_ops.py), so the whole table is covered by a real non-JS client.
 */

import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { testCertificates } from '../support/certificates.js';
import { findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const python = findBoto3Python();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

describe.skipIf(!python)(`every IAM operation with boto3 ${python?.version ?? ''}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.app.close();
  });

  /** Runs one of the Python scripts beside this file and parses what it prints. */
  const script = async (name: string, extraEnv: Record<string, string> = {}) => {
    const path = new URL(name, import.meta.url).pathname;
    const { stdout } = await run(python!.path, [path, t.endpoint, t.root.accessKeyId, t.root.secretAccessKey], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...extraEnv,
      },
    });
    return JSON.parse(stdout);
  };

  it('updates, tags, pages and deletes every entity family', async () => {
    const out = await script('./iam_boto3_ops.py');
    const ops = (...names: string[]) => names.map((n) => `ops-${n}`);
    expect(out.renamed_user).toBe(`arn:aws:iam::${t.accountId}:user/moved/ops-renamed`);
    expect(out.user_tags).toEqual({ keys: ['k1', 'k2', 'k3', 'k4'], pages: 2 });
    expect(out.user_boundary).toBe(true);
    expect(out.user_boundary_removed).toBe(true);
    expect(out.user_policies).toEqual([['up0', 'up1', 'up2'], 2]);
    expect(out.user_policy_action).toBe('s3:GetObject');
    expect(out.keys_after_delete).toEqual([]);
    expect(out.groups).toEqual({ names: ops('g0', 'g1', 'g2'), pages: 2 });
    expect(out.members_after_remove).toEqual([]);
    expect(out.group_policies).toEqual([['gp0', 'gp1', 'gp2'], 2]);
    expect(out.group_policy_action).toBe('sqs:SendMessage');
    expect(out.group_attached).toEqual({ names: ops('p0', 'p1', 'p2'), pages: 2 });
    expect(out.group_attached_after_detach).toEqual(ops('p1', 'p2'));
    expect(out.roles).toEqual({ names: ops('r0', 'r1', 'r2'), pages: 2 });
    expect(out.role_update).toEqual({ description: 'second', max: 7200 });
    expect(out.role_trust_service).toBe('lambda.amazonaws.com');
    expect(out.role_tags).toEqual([{ Key: 'b', Value: '2' }]);
    expect(out.role_boundary_removed).toBe(true);
    expect(out.role_policies_after_delete).toEqual([]);
    expect(out.role_attached).toEqual({ names: ops('p0', 'p1', 'p2'), pages: 2 });
    expect(out.role_attached_after_detach).toEqual(ops('p0', 'p2'));
    expect(out.user_attached).toEqual({ names: ops('p0', 'p1', 'p2'), pages: 2 });
    expect(out.linked_role).toEqual({
      name: 'AWSServiceRoleForElasticLoadBalancing',
      path: '/aws-service-role/elasticloadbalancing.amazonaws.com/',
    });
    expect(out.linked_deletion).toBe('SUCCEEDED');
    expect(out.default_version).toBe('v2');
    expect(out.policy_tags).toEqual([{ Key: 'y', Value: '2' }]);
    expect(out.profiles).toEqual({ names: ops('ip0', 'ip1', 'ip2'), pages: 2 });
    expect(out.profile_tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    expect(out.user_mfa).toEqual({ serials: [true], pages: 1 });
    expect(out.virtual_mfa).toEqual({ count: 3, pages: 2 });
    expect(out.assigned_mfa_user).toEqual(['ops-renamed']);
    expect(out.user_mfa_after_deactivate).toEqual([]);
    expect(out.oidc).toEqual({ clients: ['c'], thumbprints: ['c'.repeat(40), 'd'.repeat(40)] });
    expect(out.oidc_tags).toEqual([{ Key: 'p', Value: '2' }]);
    expect(out.oidc_list).toEqual([true]);
    expect([out.saml_valid_until, out.saml_updated]).toEqual([2049, 2050]);
    expect(out.saml_tags).toEqual([{ Key: 's', Value: '1' }]);
    expect(out.saml_list).toEqual([true]);
    expect(out.aliases_after_delete).toEqual([]);
    expect(out.simulation).toEqual({
      decisions: {
        's3:ListBucket': 'allowed',
        's3:GetObject': 'allowed',
        's3:PutObject': 'allowed',
        'iam:CreateUser': 'implicitDeny',
      },
      pages: 2,
    });
    const missing = (message: string) => ({ code: 'NoSuchEntity', status: 404, message });
    const provider = (path: string) => missing(`Provider arn:aws:iam::${t.accountId}:${path} does not exist.`);
    const device = missing(`MFA Device with serial number arn:aws:iam::${t.accountId}:mfa/ops-mfa0 does not exist.`);
    expect(out.errors).toEqual({
      renamed_away: missing('The user with name ops-user cannot be found.'),
      bad_tag: {
        code: 'InvalidInput',
        status: 400,
        message: 'User is not authorized to tag with the reserved prefix aws:',
      },
      deleted_user_policy: missing('The user policy with name up1 cannot be found.'),
      detach_twice: missing(`Policy arn:aws:iam::${t.accountId}:policy/ops-boundary was not found.`),
      delete_key_twice: expect.objectContaining({ code: 'NoSuchEntity', status: 404 }),
      update_missing_group: missing('The group with name ops-g3 cannot be found.'),
      remove_non_member: missing('The user with name nobody cannot be found.'),
      deleted_group_policy: missing('The group policy with name gp2 cannot be found.'),
      update_missing_role: missing('The role with name nobody cannot be found.'),
      malformed_trust: { code: 'MalformedPolicyDocument', status: 400, message: 'Missing required field Principal' },
      detach_unattached: missing(`Policy arn:aws:iam::${t.accountId}:policy/ops-p1 was not found.`),
      delete_linked_directly: {
        code: 'UnmodifiableEntity',
        status: 400,
        message:
          "Cannot perform the operation on the protected role 'AWSServiceRoleForElasticLoadBalancing' - this role is only modifiable by AWS",
      },
      bad_deletion_task: missing('Deletion task task/unknown cannot be found.'),
      missing_version: missing(
        `Policy arn:aws:iam::${t.accountId}:policy/ops-p2 version v9 does not exist or is not attachable.`,
      ),
      delete_profile_with_role: {
        code: 'DeleteConflict',
        status: 409,
        message: 'Cannot delete entity, must remove roles from instance profile first.',
      },
      deleted_profile: missing('Instance Profile ops-ip0 cannot be found.'),
      delete_assigned_mfa: {
        code: 'DeleteConflict',
        status: 409,
        message: 'MFA VirtualDevice in use. Must deactivate first.',
      },
      deactivate_twice: device,
      delete_mfa_twice: device,
      deleted_oidc: provider('oidc-provider/issuer.example.com/ops'),
      not_metadata: { code: 'InvalidInput', status: 400, message: 'Could not parse metadata' },
      deleted_saml: provider('saml-provider/ops-saml'),
      delete_missing_alias: missing('The account alias ops-alias cannot be found.'),
      simulate_missing: missing('The user with name nobody cannot be found.'),
      deleted_user: missing('The user with name ops-renamed cannot be found.'),
    });
  });

  it('manages login profiles, the password policy, certificates, SSH keys and service-specific credentials', async () => {
    const rsa = () =>
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const out = await script('./iam_boto3_credentials.py', {
      IAMD_TEST_CERTIFICATES: testCertificates.join('\n\n'),
      IAMD_TEST_RSA_KEYS: [rsa(), rsa()].join('\n\n'),
    });
    expect(out.profile).toEqual({
      user: 'cred-user',
      reset: true,
      keys: ['CreateDate', 'PasswordResetRequired', 'UserName'],
    });
    expect(out.policy).toEqual({
      MinimumPasswordLength: 16,
      RequireNumbers: true,
      RequireSymbols: false,
      ExpirePasswords: false,
      PasswordReusePrevention: 5,
    });
    expect(out.profile_after_update).toBe(false);
    expect(out.certificates).toEqual({ statuses: ['Active', 'Inactive'], same_ids: true, pages: 2 });
    expect(out.ssh).toEqual({ ssh_form: true, pem_round_trip: true, fingerprint_length: 47, id_prefix: 'APKA' });
    expect(out.ssh_keys).toEqual({ statuses: ['Active', 'Inactive'], pages: 2 });
    expect(out.service_credential).toEqual({
      user_name: `cred-user-at-${t.accountId}`,
      password_changed: true,
      listed: [['codecommit.amazonaws.com', 'Inactive', false]],
    });
    const conflict = (what: string) => ({
      code: 'DeleteConflict',
      status: 409,
      message: `Cannot delete entity, must delete ${what} first.`,
    });
    expect(out.errors).toEqual({
      violation: {
        code: 'PasswordPolicyViolation',
        status: 400,
        message: 'Password should have a minimum length of 16',
      },
      profile_twice: {
        code: 'EntityAlreadyExists',
        status: 409,
        message: 'Login Profile for user cred-user already exists.',
      },
      delete_user_with_profile: conflict('login profile'),
      profile_gone: { code: 'NoSuchEntity', status: 404, message: 'Login Profile for User cred-user cannot be found.' },
      policy_gone: {
        code: 'NoSuchEntity',
        status: 404,
        message: `The Password Policy with domain name ${t.accountId} cannot be found.`,
      },
      malformed_certificate: expect.objectContaining({ code: 'MalformedCertificate', status: 400 }),
      duplicate_certificate: expect.objectContaining({ code: 'DuplicateCertificate', status: 409 }),
      delete_user_with_certificates: conflict('signing certificates'),
      update_deleted_certificate: expect.objectContaining({ code: 'NoSuchEntity', status: 404 }),
      unrecognized_key: expect.objectContaining({ code: 'UnrecognizedPublicKeyEncoding', status: 400 }),
      duplicate_key: expect.objectContaining({ code: 'DuplicateSSHPublicKey', status: 400 }),
      delete_user_with_keys: conflict('SSH public keys'),
      deleted_key: expect.objectContaining({ code: 'NoSuchEntity', status: 404 }),
      unsupported_service: expect.objectContaining({ code: 'NotSupportedService', status: 404 }),
      delete_user_with_service_credential: conflict('service specific credentials'),
      reset_deleted: expect.objectContaining({ code: 'NoSuchEntity', status: 404 }),
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { applyBootstrap } from './bootstrap.js';

const dir = mkdtempSync(join(tmpdir(), 'iamd-bootstrap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, 'bootstrap.json');
writeFileSync(
  file,
  JSON.stringify({
    RoleDetailList: [
      {
        RoleName: 'app',
        RoleId: 'AROABOOTSTRAPROLE0001',
        Path: '/',
        Arn: 'arn:aws:iam::000000000000:role/app',
        CreateDate: '2024-01-01T00:00:00Z',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        InstanceProfileList: [
          {
            InstanceProfileName: 'app',
            InstanceProfileId: 'AIPABOOTSTRAPPROFILE1',
            Path: '/',
            Arn: 'arn:aws:iam::000000000000:instance-profile/app',
          },
        ],
        RolePolicyList: [
          {
            PolicyName: 'read',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }],
            },
          },
        ],
      },
    ],
    Buckets: [
      {
        Name: 'assets',
        Policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::000000000000:role/app' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::assets/*',
            },
          ],
        },
      },
    ],
  }),
);

describe('applyBootstrap', () => {
  it('applies roles, profiles and buckets, and changes nothing the second time', async () => {
    const app = await startApp({
      config: loadConfig({ port: 0, storage: 'memory', logLevel: 'silent' }, {}),
      logger: pino({ level: 'silent' }),
    });
    try {
      const first = await applyBootstrap(app.services, file, '000000000000');
      expect(first.iam.created).toMatchObject({ roles: 1, instanceProfiles: 1 });
      expect(first.buckets).toBe(1);
      const second = await applyBootstrap(app.services, file, '000000000000');
      expect(second.iam.created).toMatchObject({ roles: 0, instanceProfiles: 0 });
      expect(second.buckets).toBe(0);
      const role = await app.services.iam.roles.get('000000000000', { RoleName: 'app' });
      expect(role.Role.RoleId).toBe('AROABOOTSTRAPROLE0001');
      const profile = await app.services.iam.instanceProfiles.get('000000000000', { InstanceProfileName: 'app' });
      expect(profile.InstanceProfile.Roles.map((r) => r.RoleName)).toEqual(['app']);
      expect((await app.services.bucketPolicies.authInfo('assets')).policy).toContain('s3:GetObject');
    } finally {
      await app.close();
    }
  });
});

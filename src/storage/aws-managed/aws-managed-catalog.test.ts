import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAwsManagedPolicyCatalog } from './aws-managed-catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'iamd-aws-managed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});

function fixture(): string {
  const file = join(dir, 'policies.json');
  writeFileSync(
    file,
    JSON.stringify({
      Zeta: {
        arn: 'arn:aws:iam::aws:policy/service-role/Zeta',
        latestVersionId: 'v10',
        versions: {
          v10: { createdDate: '2020-01-02T00:00:00.000Z', document: doc('s3:GetObject') },
          v2: { createdDate: '2019-01-01T00:00:00.000Z', document: doc('s3:ListBucket') },
        },
        createdDate: '2019-01-01T00:00:00.000Z',
        lastUpdatedDate: '2020-01-02T00:00:00.000Z',
      },
      alpha: { arn: 'arn:aws:iam::aws:policy/alpha', latestVersionId: 'v1', versions: { v1: { document: doc('*') } } },
      Broken: { arn: 'not-an-arn', latestVersionId: 'v1', versions: { v1: { document: {} } } },
    }),
  );
  return file;
}

describe('the AWS managed policies catalog', () => {
  it('reads paths, names, versions in order and the default version from the package format', async () => {
    const catalog = createAwsManagedPolicyCatalog(fixture());
    const zeta = await catalog.getPolicy('arn:aws:iam::aws:policy/service-role/Zeta');
    expect(zeta).toMatchObject({
      accountId: 'aws',
      policyName: 'Zeta',
      path: '/service-role/',
      defaultVersionId: 'v10',
      createDate: new Date('2019-01-01T00:00:00.000Z'),
      updateDate: new Date('2020-01-02T00:00:00.000Z'),
      tags: [],
    });
    expect(zeta?.policyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect((await catalog.getPolicy('arn:aws:iam::aws:policy/service-role/Zeta'))?.policyId).toBe(zeta?.policyId);
    const versions = await catalog.listPolicyVersions('arn:aws:iam::aws:policy/service-role/Zeta');
    expect(versions.map((v) => v.versionId)).toEqual(['v2', 'v10']);
    const v10 = await catalog.getPolicyVersion('arn:aws:iam::aws:policy/service-role/Zeta', 'v10');
    expect(JSON.parse(v10?.document ?? '')).toEqual(doc('s3:GetObject'));
    expect((await catalog.listPolicies()).map((p) => p.policyName)).toEqual(['alpha', 'Zeta']);
    expect(await catalog.getPolicy('arn:aws:iam::aws:policy/missing')).toBeUndefined();
  });

  it('ships the real catalog, with AdministratorAccess', async () => {
    const catalog = createAwsManagedPolicyCatalog();
    const admin = await catalog.getPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(admin).toMatchObject({ policyName: 'AdministratorAccess', path: '/' });
    const version = await catalog.getPolicyVersion(admin!.arn, admin!.defaultVersionId);
    expect(JSON.parse(version!.document)).toMatchObject({
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect((await catalog.listPolicies()).length).toBeGreaterThan(1000);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { bootstrapAccount } from '../../core/accounts/index.js';
import { openData } from '../accounts/index.js';
import { exportDocument, importDocument } from './commands.js';
import { progressBar } from './progress.js';

const dir = mkdtempSync(join(tmpdir(), 'iamd-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const document = {
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'imported',
      RoleId: 'AROAIMPORTEDROLE00001',
      Arn: 'arn:aws:iam::123456789012:role/imported',
      CreateDate: '2021-06-01T10:00:00+00:00',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      InstanceProfileList: [],
      // A raw API answer carries URL-encoded documents: both forms are read.
      RolePolicyList: [
        {
          PolicyName: 'p',
          PolicyDocument: encodeURIComponent(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
          ),
        },
      ],
      AttachedManagedPolicies: [],
      Tags: [],
    },
  ],
};

describe('iamd import / export', () => {
  it('imports a document into a data dir and exports it back', async () => {
    const data = await openData(loadConfig({ dataDir: dir }, {}));
    try {
      await bootstrapAccount(
        { accounts: data.stores.accounts, clock: data.clock, random: data.random, master: data.master },
        '000000000000',
      );
      const steps: number[] = [];
      const { summary, warnings } = await importDocument(data, '000000000000', JSON.stringify(document), (done) =>
        steps.push(done),
      );
      expect(summary).toBe(
        'Imported into 000000000000: 0 users, 0 groups, 1 roles, 0 policies, 0 instance profiles created.',
      );
      expect(warnings).toEqual([]);
      expect(steps).toEqual([1]);
      const exported = JSON.parse(await exportDocument(data, '000000000000'));
      expect(exported.RoleDetailList[0]).toMatchObject({
        RoleName: 'imported',
        RoleId: 'AROAIMPORTEDROLE00001',
        Arn: 'arn:aws:iam::000000000000:role/imported',
        CreateDate: '2021-06-01T10:00:00.000Z',
        AssumeRolePolicyDocument: document.RoleDetailList[0]!.AssumeRolePolicyDocument,
        RolePolicyList: [
          {
            PolicyName: 'p',
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
          },
        ],
      });
    } finally {
      await data.close();
    }
  });
});

describe('progressBar', () => {
  it('draws on a terminal and stays silent elsewhere', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    let clock = 0;
    const bar = progressBar(tty, 'Importing', () => clock);
    bar.update(1, 4);
    clock += 50;
    bar.update(2, 4);
    clock += 200;
    bar.update(4, 4);
    bar.done();
    expect(tty.read().toString()).toBe(
      `\rImporting [${'#'.repeat(8)}${'.'.repeat(22)}] 1/4\rImporting [${'#'.repeat(30)}] 4/4\n`,
    );
    const pipe = new PassThrough();
    const quiet = progressBar(pipe, 'Importing');
    quiet.update(1, 1);
    quiet.done();
    expect(pipe.read()).toBeNull();
  });
});

/**
 * @module storage/sql/sql-ec2-store.test
 * The EC2 store on the memory adapter and on SQLite: records come back equal to what was saved (dates included),
 * scoped to their account, sorted by id.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InstanceRecord, SecurityGroupRecord } from '../../core/entities.js';
import type { Stores } from '../../core/ports.js';
import { createMemoryStores } from '../memory/index.js';
import { openSqliteStores } from '../sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'iamd-ec2-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const instance = (id: string, accountId = '111122223333'): InstanceRecord => ({
  accountId,
  instanceId: id,
  reservationId: 'r-0123456789abcdef0',
  region: 'us-east-1',
  imageId: 'ami-12345678',
  instanceType: 't3.micro',
  state: 'running',
  launchTime: new Date('2026-11-28T10:00:00.000Z'),
  privateIpAddress: '172.31.1.2',
  subnetId: 'subnet-0123456789abcdef0',
  vpcId: 'vpc-0123456789abcdef0',
  securityGroupIds: ['sg-0123456789abcdef0'],
  tags: [{ Key: 'Name', Value: 'web' }],
  profile: {
    associationId: 'iip-assoc-0123456789abcdef0',
    instanceProfileArn: `arn:aws:iam::${accountId}:instance-profile/web`,
    instanceProfileId: 'AIPAEXAMPLEEXAMPLE123',
    timestamp: new Date('2026-11-28T10:00:01.000Z'),
  },
  metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
});

const group: SecurityGroupRecord = {
  accountId: '111122223333',
  groupId: 'sg-0123456789abcdef0',
  groupName: 'web',
  description: 'web servers',
  vpcId: 'vpc-0123456789abcdef0',
  tags: [],
  ingress: [
    {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      Ipv6Ranges: [],
      UserIdGroupPairs: [],
    },
  ],
  egress: [],
};

const adapters: Array<[string, () => Promise<Stores>]> = [
  ['memory', async () => createMemoryStores()],
  ['sqlite', () => openSqliteStores({ file: join(dir, 'iamd.db'), blobDir: join(dir, 'blobs') })],
];

describe.each(adapters)('Ec2Store on %s', (_name, open) => {
  it('saves, replaces and lists instances per account', async () => {
    const stores = await open();
    try {
      await stores.ec2.saveInstance(instance('i-0bbbbbbbbbbbbbbbb'));
      await stores.ec2.saveInstance(instance('i-0aaaaaaaaaaaaaaaa'));
      await stores.ec2.saveInstance(instance('i-0cccccccccccccccc', '444455556666'));
      await stores.ec2.saveInstance({ ...instance('i-0aaaaaaaaaaaaaaaa'), state: 'stopped', profile: undefined });
      expect(await stores.ec2.getInstance('111122223333', 'i-0bbbbbbbbbbbbbbbb')).toEqual(
        instance('i-0bbbbbbbbbbbbbbbb'),
      );
      expect(await stores.ec2.getInstance('444455556666', 'i-0bbbbbbbbbbbbbbbb')).toBeUndefined();
      const listed = await stores.ec2.listInstances('111122223333');
      expect(listed.map((i) => [i.instanceId, i.state])).toEqual([
        ['i-0aaaaaaaaaaaaaaaa', 'stopped'],
        ['i-0bbbbbbbbbbbbbbbb', 'running'],
      ]);
      expect(listed[0]?.profile).toBeUndefined();
      expect((await stores.ec2.listInstances(undefined)).length).toBe(3);
    } finally {
      await stores.close();
    }
  });

  it('saves and deletes security groups', async () => {
    const stores = await open();
    try {
      await stores.ec2.saveSecurityGroup(group);
      expect(await stores.ec2.getSecurityGroup('111122223333', group.groupId)).toEqual(group);
      expect(await stores.ec2.listSecurityGroups('444455556666')).toEqual([]);
      expect(await stores.ec2.deleteSecurityGroup('444455556666', group.groupId)).toBe(false);
      expect(await stores.ec2.deleteSecurityGroup('111122223333', group.groupId)).toBe(true);
      expect(await stores.ec2.listSecurityGroups('111122223333')).toEqual([]);
    } finally {
      await stores.close();
    }
  });
});

/**
 * Instances survive a restart on SQLite: an instance that was running gets its metadata endpoint back when iamd
 * starts again, and serves credentials from it; a terminated one does not.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { PROFILE_NAME, ROLE_NAME } from '../support/scenario.js';
import { startTestApp } from '../support/test-app.js';
import { seedScenario } from './workloads/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'iamd-imds-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('metadata endpoints across a restart', () => {
  it('reopens the endpoints of running instances', async () => {
    const options = { storage: 'sqlite', dataDir: dir, imdsPortRange: '0' };
    const first = await startTestApp(options);
    await seedScenario(first);
    const run = (profile: string) =>
      first.app.services.ec2.instances.run(
        first.accountId,
        { MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: profile } },
        new Map(),
      );
    const running = (await run(PROFILE_NAME)).Instances[0]!.InstanceId;
    const terminated = (await run(PROFILE_NAME)).Instances[0]!.InstanceId;
    await first.app.services.ec2.instances.transition(first.accountId, [terminated], 'terminate');
    await first.app.close();

    // The second start finds the account: it returns no root secret, so it is started without the test helper.
    const config = loadConfig({ port: 0, logLevel: 'silent', ...options }, {});
    const second = { app: await startApp({ config, logger: pino({ level: 'silent' }) }) };
    try {
      expect(second.app.services.ec2.metadataEndpointOf(terminated)).toBeUndefined();
      const endpoint = second.app.services.ec2.metadataEndpointOf(running);
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = await (
        await fetch(`${endpoint}/latest/api/token`, {
          method: 'PUT',
          headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
        })
      ).text();
      const response = await fetch(`${endpoint}/latest/meta-data/iam/security-credentials/${ROLE_NAME}`, {
        headers: { 'x-aws-ec2-metadata-token': token },
      });
      expect(JSON.parse(await response.text())).toMatchObject({
        Code: 'Success',
        AccessKeyId: expect.stringMatching(/^ASIA/),
      });
    } finally {
      await second.app.close();
    }
  });
});

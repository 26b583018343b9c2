/**
 * The optional rate limit of credential-issuing calls: per calling principal and per role, with Retry-After.
 */

import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ credentialRateLimit: 1, credentialRateBurst: 2 });
});
afterAll(async () => {
  await t?.app.close();
});

describe('credential rate limit', () => {
  it('throttles AssumeRole beyond the burst, says when to retry, and refills with time', async () => {
    const common = { endpoint: t.endpoint, region: 'us-east-1', credentials: t.root, maxAttempts: 1 };
    const iam = new IAMClient(common);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${t.accountId}:root` }, Action: 'sts:AssumeRole' },
      ],
    });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'busy', AssumeRolePolicyDocument: trust }))).Role!;
    const sts = new STSClient(common);
    const assume = () => sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'fleet' }));
    // The bucket refills with the server's time: stopped, it refills only when the test moves it, however long the
    // machine takes over the three calls.
    t.clock.stop();
    await assume();
    await assume();
    const error = await assume().then(
      () => undefined,
      (e: {
        name: string;
        $metadata?: { httpStatusCode?: number };
        $response?: { headers?: Record<string, string> };
      }) => e,
    );
    expect(error?.name).toBe('Throttling');
    expect(error?.$metadata?.httpStatusCode).toBe(400);
    expect(error?.$response?.headers?.['retry-after']).toBe('1');
    // Calls that issue no credentials are not limited.
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    t.clock.advance(1_500);
    await expect(
      new STSClient({ ...common, systemClockOffset: t.clock.offsetMs }).send(
        new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'later' }),
      ),
    ).resolves.toBeDefined();
  });
});

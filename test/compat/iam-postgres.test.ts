/**
 * iamd on PostgreSQL (IAMD_DATABASE_URL): the IAM API end to end, state surviving a restart, and concurrent
 * CreateRole calls of one name answered with exactly one success and EntityAlreadyExists for the others.
 * Skipped with a visible SKIP line when PostgreSQL is unreachable, unless IAMD_TEST_REQUIRE_ALL=1.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, CreateUserCommand, GetRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { requireAll } from '../support/test-app.js';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';

const base = process.env['IAMD_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `iamd_app_${randomBytes(6).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'iamd-pg-app-'));
// libpq `options` puts the whole app in the run's own schema.
const databaseUrl = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

async function admin(sqlText: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(sqlText);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const available = await admin(`create schema ${schema}`);
if (!available) {
  const message = 'PostgreSQL not reachable: skipping iamd-on-PostgreSQL';
  if (requireAll()) throw new Error(`${message}; IAMD_TEST_REQUIRE_ALL=1 forbids skipping`);
  console.warn(`SKIP: ${message}`);
}

const masterKey = randomBytes(32).toString('hex');
const start = (): Promise<App> =>
  startApp({
    config: loadConfig({ port: 0, logLevel: 'silent', databaseUrl, dataDir, masterKey }, {}),
    logger: pino({ level: 'silent' }),
  });

afterAll(async () => {
  if (available) await admin(`drop schema if exists ${schema} cascade`);
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!available)('iamd on PostgreSQL', () => {
  const trust = policyDocument({
    Effect: 'Allow',
    Principal: { Service: 'ec2.amazonaws.com' },
    Action: 'sts:AssumeRole',
  });

  it('serves IAM, keeps it across a restart and lets one of many concurrent creates win', async () => {
    const first = await start();
    const root = { accessKeyId: first.bootstrap.accessKeyId!, secretAccessKey: first.bootstrap.secretAccessKey! };
    try {
      const iam = clientsFor({ endpoint: first.url }, root).iam;
      await iam.send(new CreateUserCommand({ UserName: 'kept' }));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          iam.send(new CreateRoleCommand({ RoleName: i % 2 ? 'Racer' : 'racer', AssumeRolePolicyDocument: trust })),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).name] : []));
      expect(new Set(errors)).toEqual(new Set(['EntityAlreadyExistsException']));
      const error = await failure(
        iam.send(new CreateRoleCommand({ RoleName: 'RACER', AssumeRolePolicyDocument: trust })),
      );
      expect(error.status).toBe(409);
    } finally {
      await first.close();
    }

    const second = await start();
    try {
      expect(second.bootstrap.created).toBe(false);
      const iam = clientsFor({ endpoint: second.url }, root).iam;
      expect((await iam.send(new GetRoleCommand({ RoleName: 'racer' }))).Role?.RoleName).toMatch(/^[Rr]acer$/);
      expect((await iam.send(new ListRolesCommand({}))).Roles).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

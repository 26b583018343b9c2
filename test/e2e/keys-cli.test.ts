/**
 * `iamd keys list | rotate` against a SQLite data dir, from the built artifact.
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';

const run = promisify(execFile);
const main = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'iamd-keys-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(main))('iamd keys', () => {
  it('lists the keyring and rotates it', async () => {
    const app = await startApp({
      config: loadConfig({ port: 0, dataDir: dir, logLevel: 'silent' }, {}),
      logger: pino({ level: 'silent' }),
    });
    const first = app.services.keyring.active.keyId;
    await app.close();
    const env = { PATH: process.env['PATH'] ?? '' };
    const listed = await run(process.execPath, [main, 'keys', 'list', '--data-dir', dir], { env });
    expect(listed.stdout).toBe(`${first} (active)\n`);
    const rotated = await run(process.execPath, [main, 'keys', 'rotate', '--data-dir', dir], { env });
    const created = /new sealing key ([0-9a-f]{8})/.exec(rotated.stdout)?.[1];
    expect(created).toBeDefined();
    expect(created).not.toBe(first);
    const again = await run(process.execPath, [main, 'keys', 'list', '--data-dir', dir], { env });
    expect(again.stdout.split('\n').filter(Boolean).sort()).toEqual([`${created} (active)`, first].sort());
  });
});

/**
 * A real iamd on a random loopback port for compatibility tests: memory storage, silent logs, and a clock the
 * test can move (so expiry is tested without sleeping).
 */

import { pino } from 'pino';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { Clock } from '../../src/core/ports.js';

/** A clock that follows real time plus an offset the test controls. */
export class MovableClock implements Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  /** Moves the server's time forward. */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }
}

/** A started app with its root credentials. */
export interface TestApp {
  readonly app: App;
  readonly clock: MovableClock;
  readonly endpoint: string;
  readonly accountId: string;
  readonly root: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Starts iamd for one test file. Call `app.close()` in afterAll. */
export async function startTestApp(overrides: Record<string, unknown> = {}): Promise<TestApp> {
  const clock = new MovableClock();
  const config = loadConfig({ port: 0, storage: 'memory', logLevel: 'silent', ...overrides }, {});
  const app = await startApp({ config, clock, logger: pino({ level: 'silent' }) });
  const { accessKeyId, secretAccessKey } = app.bootstrap;
  if (!accessKeyId || !secretAccessKey) throw new Error('bootstrap did not return root credentials');
  return { app, clock, endpoint: app.url, accountId: config.accountId, root: { accessKeyId, secretAccessKey } };
}

/** Whether a missing tool must fail the run instead of skipping (CI sets IAMD_TEST_REQUIRE_ALL=1). */
export const requireAll = (): boolean => process.env['IAMD_TEST_REQUIRE_ALL'] === '1';

/**
 * A real iamd on a random loopback port for compatibility tests: memory storage, silent logs, and a clock the
 * test can move (so expiry is tested without sleeping).
 */

import { pino } from 'pino';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { Clock } from '../../src/core/ports.js';

/**
 * A clock that follows real time plus an offset the test controls, or, while stopped, stands still but for that
 * offset: a test that counts time (an expiry to the second, a rate limit's refill) stops it, so that how long the
 * machine takes to answer cannot move the server's time.
 */
export class MovableClock implements Clock {
  #offsetMs = 0;
  /** The real time the clock stopped at, while it is stopped. */
  #stoppedAt: number | undefined;

  now(): Date {
    return new Date((this.#stoppedAt ?? Date.now()) + this.#offsetMs);
  }

  /** Moves the server's time forward. */
  advance(ms: number): void {
    this.#offsetMs += ms;
  }

  /** Stops following real time: from now on the clock moves only by `advance`. */
  stop(): void {
    this.#stoppedAt ??= Date.now();
  }

  /** Follows real time again, from where it stands (the time it stood still for is added to the offset). */
  resume(): void {
    if (this.#stoppedAt === undefined) return;
    this.#offsetMs -= Date.now() - this.#stoppedAt;
    this.#stoppedAt = undefined;
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

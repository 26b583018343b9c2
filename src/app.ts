/**
 * @module app
 * The only place that wires storage, the domain and the HTTP edge together (ARCHITECTURE.md §2 rule 5).
 * `startApp` is what `iamd serve` runs and what the compatibility tests start on a random port.
 */

import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { type Logger, pino } from 'pino';
import type { Config } from './config/index.js';
import { type BootstrapResult, bootstrapAccount } from './core/accounts/index.js';
import { createSealer, loadKeyring } from './core/keyring/index.js';
import { sweepOrphanBodies } from './core/s3/index.js';
import type { Clock, Random, Stores } from './core/ports.js';
import { type AuditDeps, createServices, type Services } from './core/services.js';
import { createRequestListener, listen } from './http/index.js';
import { ImdsListeners } from './http/imds/index.js';
import { RemoteOidcKeys } from './oidc/index.js';
import { loadServiceModel } from './protocols/index.js';
import { SigningKeyCache } from './sigv4/index.js';
import {
  createJsonLinesSink,
  createMemoryStores,
  loadOrCreateMasterKey,
  openPostgresStores,
  openSqliteStores,
} from './storage/index.js';

/** How often a running server re-reads the keyring from the store. */
const KEYRING_RELOAD_MS = 30_000;

/** How often audit records older than `audit.retentionDays` are purged. */
const AUDIT_PURGE_MS = 60 * 60 * 1000;

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Cryptographic randomness. */
export const cryptoRandom: Random = pooledRandom();

/**
 * Cryptographic randomness drawn from a pool refilled 8 KiB at a time: minting a session takes two small random
 * values (key id and secret, the token's IV), and one `randomFillSync` per pool costs far less than one
 * `randomBytes` call each. Every byte is used once, copied out into a buffer of its own.
 */
function pooledRandom(): Random {
  const pool = Buffer.alloc(8192);
  let offset = pool.length;
  return {
    bytes(length) {
      if (length > pool.length) return randomBytes(length);
      if (offset + length > pool.length) {
        randomFillSync(pool);
        offset = 0;
      }
      const out = Buffer.allocUnsafe(length);
      pool.copy(out, 0, offset, offset + length);
      offset += length;
      return out;
    },
    uuid: () => randomUUID(),
  };
}

/** What may be injected in place of the defaults (tests inject a clock). */
export interface AppOptions {
  readonly config: Config;
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
  readonly logger?: Logger | undefined;
}

/** A running iamd. */
export interface App {
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  /** The default account, and its root key's secret on the start that created it. */
  readonly bootstrap: BootstrapResult;
  readonly services: Services;
  readonly masterKeyCreated: boolean;
  close(): Promise<void>;
}

/** How long a temporary upload file may go unwritten before startup deletes it. */
const ORPHAN_UPLOAD_MS = 60 * 60 * 1000;

/**
 * How old a committed body no record references must be before startup deletes it. A single node sweeps before it
 * serves, so nothing of its own is mid-write; the nodes of a PostgreSQL deployment may share the blob directory, and
 * another node may be between a body's commit and its record's, so there the margin is the temporary files' hour.
 */
function orphanBodyCutoff(config: Config, now: Date): Date {
  return new Date(now.getTime() - (config.databaseUrl === undefined ? 0 : ORPHAN_UPLOAD_MS));
}

async function openStores(config: Config): Promise<Stores> {
  const dataDir = resolve(config.dataDir);
  if (config.databaseUrl !== undefined) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    return openPostgresStores({ connectionString: config.databaseUrl, blobDir: join(dataDir, 'objects') });
  }
  if (config.storage === 'memory') return createMemoryStores();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  return openSqliteStores({ file: join(dataDir, 'iamd.db'), blobDir: join(dataDir, 'objects') });
}

/** The JWKS configured per OIDC issuer (`oidcJwksFile`), if any. */
async function inlineJwks(config: Config): Promise<Record<string, JSONWebKeySet> | undefined> {
  if (config.oidcJwksFile === undefined) return undefined;
  const text = await readFile(resolve(config.oidcJwksFile), 'utf8');
  const parsed: unknown = JSON.parse(text);
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    Object.values(parsed).every((jwks) => Array.isArray((jwks as { keys?: unknown } | null)?.keys));
  if (!valid) throw new Error(`${config.oidcJwksFile}: expected {"<issuer URL>": {"keys": [...]}, ...}`);
  return parsed as Record<string, JSONWebKeySet>;
}

/** The `audit.*` options as the domain takes them; sink failures are logged without the records. */
function auditDeps(config: Config, clock: Clock, logger: Logger): AuditDeps {
  const file = config['audit.file'];
  return {
    enabled: config['audit.enabled'],
    failClosed: config['audit.failClosed'],
    defaultAccount: config.accountId,
    file:
      file === undefined
        ? undefined
        : {
            options: { path: resolve(file), maxBytes: config['audit.maxFileBytes'] },
            createSink: (options) =>
              createJsonLinesSink({ file: options.path, maxBytes: options.maxBytes, now: () => clock.now() }),
          },
    onSinkError: (sink, error) =>
      logger.error({ sink, error: error instanceof Error ? error.message : String(error) }, 'audit sink failed'),
  };
}

/** Purges audit records past their retention now and every hour; returns the timer. */
function auditRetention(config: Config, stores: Stores, clock: Clock, logger: Logger): NodeJS.Timeout {
  const purge = () => {
    const cutoff = new Date(clock.now().getTime() - config['audit.retentionDays'] * 86_400_000);
    stores.audit
      .deleteAuditEventsBefore(cutoff)
      .catch((error: unknown) => logger.error({ err: error }, 'audit retention purge failed'));
  };
  purge();
  const timer = setInterval(purge, AUDIT_PURGE_MS);
  timer.unref();
  return timer;
}

async function masterKey(config: Config, random: Random): Promise<{ key: Uint8Array; created: boolean }> {
  if (config.masterKey !== undefined) return { key: Buffer.from(config.masterKey, 'hex'), created: false };
  // Memory storage keeps nothing, so its master key need not outlive the process either.
  if (config.storage === 'memory' && config.databaseUrl === undefined) return { key: random.bytes(32), created: true };
  return loadOrCreateMasterKey(resolve(config.dataDir));
}

/**
 * Opens storage, bootstraps the default account and starts listening.
 *
 * @example
 * const app = await startApp({ config: loadConfig({ port: 0, storage: 'memory' }, {}) });
 * await app.close();
 */
export async function startApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const stores = await openStores(config);
  try {
    // Uploads a crash interrupted leave temporary files; an hour without a write means nobody is writing them.
    await stores.blobs.sweep?.(new Date(clock.now().getTime() - ORPHAN_UPLOAD_MS));
    // Bodies a crash left between their commit and their record's (core/s3/orphan-bodies).
    const orphans = await sweepOrphanBodies(stores.s3, stores.blobs, orphanBodyCutoff(config, clock.now()));
    if (orphans > 0) logger.info({ removed: orphans }, 'removed object bodies no record references');
    const master = await masterKey(config, random);
    const masterSealer = createSealer(master.key, random);
    const keyring = await loadKeyring(stores.accounts, masterSealer, random, clock);
    const bootstrap = await bootstrapAccount(
      { accounts: stores.accounts, clock, random, master: masterSealer },
      config.accountId,
    );
    const metadataEndpoints = new ImdsListeners({ portRange: config.imdsPortRange, clock, random, logger });
    const services = createServices({
      stores,
      clock,
      random,
      master: masterSealer,
      keyring,
      region: config.region,
      metadataEndpoints,
      workloadCredentialSeconds: config.workloadCredentialSeconds,
      credentialRateLimit: config.credentialRateLimit,
      credentialRateBurst: config.credentialRateBurst,
      oidcKeys: new RemoteOidcKeys({
        inline: await inlineJwks(config),
        allowInsecureLoopback: config.oidcInsecureLoopback,
        warn: (message) => logger.warn(message),
        clock,
      }),
      audit: auditDeps(config, clock, logger),
    });
    const auditPurge = auditRetention(config, stores, clock, logger);
    metadataEndpoints.serve(services.ec2.metadata);
    const listener = createRequestListener({
      services,
      models: {
        iam: loadServiceModel('iam'),
        sts: loadServiceModel('sts'),
        s3: loadServiceModel('s3'),
        ec2: loadServiceModel('ec2'),
        cloudtrail: loadServiceModel('cloudtrail'),
      },
      signingKeys: new SigningKeyCache(),
      logger,
      region: config.region,
      maxQueryBodyBytes: config.maxQueryBodyBytes,
      maxObjectBytes: config.maxObjectBytes,
    });
    const running = await listen(listener, config.host, config.port);
    // Pick up keyring rotations made by `iamd keys rotate` or by other nodes (a failed reload keeps the old keys).
    const keyringReload = setInterval(() => {
      keyring.reload().catch((error: unknown) => logger.error({ err: error }, 'keyring reload failed'));
    }, KEYRING_RELOAD_MS);
    keyringReload.unref();
    const unreachable = await services.ec2.instances.reopen();
    if (unreachable.length > 0) {
      logger.warn(
        { instances: unreachable },
        'no free port in imdsPortRange: these instances have no metadata endpoint',
      );
    }
    return {
      url: running.url,
      port: running.port,
      config,
      bootstrap,
      services,
      masterKeyCreated: master.created,
      close: async () => {
        clearInterval(keyringReload);
        clearInterval(auditPurge);
        await services.ec2.instances.closeAll();
        await running.close();
        await services.audit.close();
        await stores.close();
      },
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}

/**
 * @module cli/serve
 * `iamd serve`: starts the server, prints where it listens, the admin credentials file and how to point the AWS
 * CLI and SDKs at it, and stops gracefully on SIGINT/SIGTERM. The root secret is printed only on the start that
 * created it.
 */

import { type App, startApp } from '../app.js';
import { type Config, ConfigError, loadConfig } from '../config/index.js';
import { applyBootstrap } from './import/index.js';
import { credentialsFilePath, writeCredentialsFile } from './credentials-file.js';

/** Flags of `iamd serve`. */
export interface ServeFlags {
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly storage?: string | undefined;
}

function banner(app: App, config: Config, credentialsFile: string | undefined): string {
  const lines = [
    `iamd listening on ${app.url} (account ${config.accountId}, region ${config.region}, storage ${config.storage})`,
  ];
  if (credentialsFile) {
    lines.push(`Admin credentials (root of ${config.accountId}): ${credentialsFile}`);
  }
  if (app.bootstrap.secretAccessKey !== undefined) {
    lines.push(
      `  aws_access_key_id     = ${app.bootstrap.accessKeyId}`,
      `  aws_secret_access_key = ${app.bootstrap.secretAccessKey}   (shown once; kept in the file above)`,
    );
  } else if (app.bootstrap.accessKeyId) {
    lines.push(`  aws_access_key_id = ${app.bootstrap.accessKeyId}`);
  }
  lines.push(
    '',
    'Point the AWS CLI and SDKs at it:',
    credentialsFile
      ? `  export AWS_SHARED_CREDENTIALS_FILE=${credentialsFile}`
      : '  (memory storage: use the keys above)',
    `  export AWS_REGION=${config.region} AWS_ENDPOINT_URL=${app.url}`,
    '  aws sts get-caller-identity',
    `  # AWS CLI before 2.13 and boto3 before 1.28 ignore AWS_ENDPOINT_URL: add --endpoint-url ${app.url}`,
  );
  return lines.join('\n');
}

/**
 * Runs the server until a signal stops it.
 *
 * @example
 * await serve({ port: '4599' });
 */
export async function serve(flags: ServeFlags): Promise<void> {
  const config = loadConfig({ host: flags.host, port: flags.port, dataDir: flags.dataDir, storage: flags.storage });
  const app = await startApp({ config });
  if (config.bootstrap !== undefined) {
    try {
      const applied = await applyBootstrap(app.services, config.bootstrap, config.accountId);
      const created = JSON.stringify({ ...applied.iam.created, buckets: applied.buckets });
      process.stdout.write(`Bootstrap ${config.bootstrap} applied: created ${created}\n`);
      for (const warning of applied.iam.warnings) process.stdout.write(`  warning: ${warning}\n`);
    } catch (error) {
      await app.close();
      throw new ConfigError(`IAMD_BOOTSTRAP ${config.bootstrap} could not be applied: ${(error as Error).message}`);
    }
  }
  let credentialsFile: string | undefined;
  if (config.storage === 'sqlite') {
    credentialsFile = credentialsFilePath(config.dataDir);
    if (app.bootstrap.secretAccessKey !== undefined && app.bootstrap.accessKeyId !== undefined) {
      await writeCredentialsFile(config.dataDir, app.bootstrap.accessKeyId, app.bootstrap.secretAccessKey);
    }
  } else {
    process.stderr.write('WARNING: memory storage keeps nothing; every start creates new root credentials.\n');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping iamd…\n`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // The handlers go in before the banner: whoever waits for the banner may signal at once (a test, a supervisor).
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(`${banner(app, config, credentialsFile)}\n`);
}

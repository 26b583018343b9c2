/**
 * @module cli/credentials-file
 * The admin credentials as an AWS shared-credentials file (`[default]` profile), mode 0600, written once at first
 * start so the AWS CLI and SDKs can use them through `AWS_SHARED_CREDENTIALS_FILE`.
 */

import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Writes `<dataDir>/credentials` and returns its absolute path.
 *
 * @example
 * await writeCredentialsFile('./.iamd', 'AKIA…', secret);
 */
export async function writeCredentialsFile(
  dataDir: string,
  accessKeyId: string,
  secretAccessKey: string,
): Promise<string> {
  const file = join(resolve(dataDir), 'credentials');
  const text = `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`;
  await writeFile(file, text, { mode: 0o600 });
  return file;
}

/** The credentials file path of a data dir (whether or not it exists yet). */
export const credentialsFilePath = (dataDir: string): string => join(resolve(dataDir), 'credentials');

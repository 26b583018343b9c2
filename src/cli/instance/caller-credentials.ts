/**
 * @module cli/instance/caller-credentials
 * The caller's own AWS credentials, found where the AWS CLI finds static keys: `AWS_ACCESS_KEY_ID` /
 * `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, else the profile (`--profile`, `AWS_PROFILE`, `default`) in the
 * shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, `~/.aws/credentials`) or the config file
 * (`AWS_CONFIG_FILE`, `~/.aws/config`, section `[profile NAME]`). The environment is passed in, never read here.
 */

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SigningCredentials } from '../../sigv4/index.js';

/** Environment variables, as `processEnvironment()` (config/) returns them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Parses an INI file into sections of lower-cased keys. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header?.[1]) {
      current = new Map();
      sections.set(header[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

function readIni(path: string): Map<string, Map<string, string>> {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
}

function keysOf(section: Map<string, string> | undefined): SigningCredentials | undefined {
  const accessKeyId = section?.get('aws_access_key_id');
  const secretAccessKey = section?.get('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = section?.get('aws_session_token');
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/**
 * The caller's credentials, or an Error naming where they were looked for.
 *
 * @example
 * callerCredentials(processEnvironment(), undefined); // { accessKeyId: 'AKIA…', secretAccessKey: '…' }
 */
export function callerCredentials(env: Env, profileFlag: string | undefined): SigningCredentials {
  const profile = profileFlag ?? env['AWS_PROFILE'] ?? env['AWS_DEFAULT_PROFILE'];
  const id = env['AWS_ACCESS_KEY_ID'];
  const secret = env['AWS_SECRET_ACCESS_KEY'];
  if (profile === undefined && id && secret) {
    const token = env['AWS_SESSION_TOKEN'];
    return token
      ? { accessKeyId: id, secretAccessKey: secret, sessionToken: token }
      : { accessKeyId: id, secretAccessKey: secret };
  }
  const name = profile ?? 'default';
  const home = env['HOME'] ?? homedir();
  const credentialsFile = env['AWS_SHARED_CREDENTIALS_FILE'] ?? join(home, '.aws', 'credentials');
  const configFile = env['AWS_CONFIG_FILE'] ?? join(home, '.aws', 'config');
  const found =
    keysOf(readIni(credentialsFile).get(name)) ??
    keysOf(readIni(configFile).get(name === 'default' ? 'default' : `profile ${name}`));
  if (!found) {
    throw new Error(
      `no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put profile "${name}" in ${credentialsFile} (iamd serve writes one: <data-dir>/credentials)`,
    );
  }
  return found;
}

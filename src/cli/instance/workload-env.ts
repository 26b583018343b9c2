/**
 * @module cli/instance/workload-env
 * The environment a workload runs with under `iamd instance run` or `iamd exec`: the caller's environment minus
 * everything that would win over the credential endpoint in the SDKs' default chains (WIRE.md §4.3: env keys,
 * profiles, SSO, web identity, container or metadata settings), the shared files pointed at empty ones as on a fresh
 * instance, and the endpoint, region and credential-endpoint variables set.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from './caller-credentials.js';

/** Variables removed because they would shadow the workload's credentials or point elsewhere. */
export const SHADOWING_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_EC2_INSTANCE_PROFILE_NAME',
  'AWS_SDK_LOAD_CONFIG',
];

/** A workload environment and the empty AWS files it points at. */
export interface WorkloadEnv {
  readonly env: Record<string, string>;
  /** Removes the temporary AWS files. */
  dispose(): void;
}

/**
 * Builds the environment. `extra` holds the credential-endpoint variables.
 *
 * @example
 * workloadEnv(processEnvironment(), { AWS_ENDPOINT_URL: url, AWS_REGION: 'us-east-1',
 *   AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:4600/' });
 */
export function workloadEnv(parent: Env, extra: Record<string, string>): WorkloadEnv {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !SHADOWING_VARIABLES.includes(name)) env[name] = value;
  }
  const dir = mkdtempSync(join(tmpdir(), 'iamd-workload-'));
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
  Object.assign(env, {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    ...extra,
  });
  if (extra['AWS_REGION'] !== undefined) env['AWS_DEFAULT_REGION'] = extra['AWS_REGION'];
  return { env, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

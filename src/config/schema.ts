/**
 * @module config/schema
 * The one configuration schema: every option with its type, default and documentation (`.describe`).
 * `docs/configuration.md` is generated from it and a test keeps the two in step. Unknown keys are errors (fail
 * fast), and the loaded config is frozen.
 */

import { z } from 'zod';

/** A boolean option: `true`/`false` (environment variables are text, and `z.coerce.boolean` takes "false" as true). */
const flag = (fallback: boolean) =>
  z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).default(fallback);

export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1').describe('Address the AWS API listener binds to.'),
    port: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(4599)
      .describe('Port of the AWS API listener (every service and `/_iamd/*`); 0 picks a free port.'),
    dataDir: z
      .string()
      .min(1)
      .default('./.iamd')
      .describe('Where the database, object bodies, the master key and the admin credentials file live.'),
    storage: z
      .enum(['sqlite', 'memory'])
      .default('sqlite')
      .describe('`sqlite` (embedded, under the data dir) or `memory` (keeps nothing; for tests and demos).'),
    databaseUrl: z
      .string()
      .regex(/^postgres(?:ql)?:\/\//, 'must be a postgres:// URL')
      .optional()
      .describe(
        'PostgreSQL connection URL (`postgres://user:password@host:5432/database`). When set, accounts, IAM and object metadata live there instead of SQLite (`storage` is ignored) and several nodes may share it; object bodies stay under the data dir, which the nodes must then share.',
      ),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'must be 12 digits')
      .default('000000000000')
      .describe('The default account, created at first start.'),
    region: z
      .string()
      .min(1)
      .default('us-east-1')
      .describe('Region used when a request names none (new buckets, `aws:RequestedRegion`).'),
    masterKey: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
      .optional()
      .describe(
        'Master key (64 hex characters) sealing secrets at rest and the session-token keyring. When unset, one is generated at first start into `<data-dir>/master.key` (mode 0600).',
      ),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('Log level of the JSON logs on standard output.'),
    maxQueryBodyBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024)
      .describe('Largest IAM/STS (Query) request body accepted, in bytes.'),
    maxObjectBytes: z.coerce
      .number()
      .int()
      .min(1)
      .default(5 * 1024 ** 3)
      .describe('Largest object a single PutObject may upload, in bytes (AWS: 5 GiB).'),
    imdsPortRange: z
      .string()
      .regex(/^(?:0|\d{1,5}-\d{1,5})$/, 'must be `0` or `FIRST-LAST`')
      .refine((range) => {
        const [first = 0, last = 0] = range.split('-').map(Number);
        return range === '0' || (first >= 1 && first <= last && last <= 65535);
      }, 'must be `0` or `FIRST-LAST` with 1 <= FIRST <= LAST <= 65535')
      .default('4600-4699')
      .describe(
        'Loopback ports of the instance metadata endpoints, one per running instance (`FIRST-LAST`), or `0` for any free port (tests).',
      ),
    workloadCredentialSeconds: z.coerce
      .number()
      .int()
      .min(1800)
      .max(43200)
      .default(21600)
      .describe(
        'Lifetime of the role credentials served by instance metadata and container endpoints; they are rotated half-way through it.',
      ),
    bootstrap: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A JSON file of users, roles, policies, instance profiles and buckets applied idempotently to the default account at every start (`docs/iam.md`, "Bootstrap file").',
      ),
    credentialRateLimit: z.coerce
      .number()
      .min(0)
      .default(0)
      .describe(
        'Credential-issuing STS calls (AssumeRole, GetSessionToken, GetFederationToken) allowed per second for each calling principal and for each role; 0 turns the limit off. Excess calls get `Throttling` with `Retry-After`.',
      ),
    credentialRateBurst: z.coerce
      .number()
      .int()
      .min(1)
      .default(20)
      .describe('How many credential-issuing calls a principal or role may make at once before the rate applies.'),
    oidcJwksFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A JSON file mapping OIDC issuer URLs (the `iss` of their tokens) to their JWKS (`{"https://issuer": {"keys": […]}}`), for installations that cannot reach the issuers; those issuers are never fetched.',
      ),
    oidcInsecureLoopback: z
      .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
      .default(false)
      .describe(
        'Accept OIDC issuers and key sets over plain HTTP when they are on a loopback address (local test identity providers). Each such issuer is logged when first used. Off: issuers must use HTTPS, as AWS requires.',
      ),
    'audit.enabled': flag(true).describe(
      'Record every request (allowed or denied) as a CloudTrail event in the database, for LookupEvents, `iamd audit tail` and `iamd policy generate` (`docs/audit.md`).',
    ),
    'audit.file': z
      .string()
      .min(1)
      .optional()
      .describe('Also append every record to this JSON Lines file (one CloudTrail record per line, mode 0600).'),
    'audit.maxFileBytes': z.coerce
      .number()
      .int()
      .min(1024)
      .default(100 * 1024 ** 2)
      .describe('Size at which the audit file is rotated (renamed `<file>.<time>`; a new file is started).'),
    'audit.retentionDays': z.coerce
      .number()
      .int()
      .min(1)
      .default(90)
      .describe(
        'How long the database keeps audit records (CloudTrail event history: 90 days); older ones are purged hourly.',
      ),
    'audit.failClosed': flag(false).describe(
      'Refuse a request (`ServiceUnavailable`, HTTP 503) whose record cannot be written, and answer only once its record is durable (committed and fsynced).',
    ),
  })
  .strict();

/** The validated, frozen configuration. */
export type Config = Readonly<z.infer<typeof configSchema>>;

/** Raw option values before validation (from flags, environment or a test). */
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variable of each option; `config/load.ts` is the only reader of `process.env`. */
export const configEnv = {
  host: 'IAMD_HOST',
  port: 'IAMD_PORT',
  dataDir: 'IAMD_DATA_DIR',
  storage: 'IAMD_STORAGE',
  databaseUrl: 'IAMD_DATABASE_URL',
  accountId: 'IAMD_ACCOUNT_ID',
  region: 'IAMD_REGION',
  masterKey: 'IAMD_MASTER_KEY',
  logLevel: 'IAMD_LOG_LEVEL',
  maxQueryBodyBytes: 'IAMD_MAX_QUERY_BODY_BYTES',
  maxObjectBytes: 'IAMD_MAX_OBJECT_BYTES',
  imdsPortRange: 'IAMD_IMDS_PORT_RANGE',
  workloadCredentialSeconds: 'IAMD_WORKLOAD_CREDENTIAL_SECONDS',
  bootstrap: 'IAMD_BOOTSTRAP',
  credentialRateLimit: 'IAMD_CREDENTIAL_RATE_LIMIT',
  credentialRateBurst: 'IAMD_CREDENTIAL_RATE_BURST',
  oidcJwksFile: 'IAMD_OIDC_JWKS_FILE',
  oidcInsecureLoopback: 'IAMD_OIDC_INSECURE_LOOPBACK',
  'audit.enabled': 'IAMD_AUDIT_ENABLED',
  'audit.file': 'IAMD_AUDIT_FILE',
  'audit.maxFileBytes': 'IAMD_AUDIT_MAX_FILE_BYTES',
  'audit.retentionDays': 'IAMD_AUDIT_RETENTION_DAYS',
  'audit.failClosed': 'IAMD_AUDIT_FAIL_CLOSED',
} as const satisfies Record<keyof Config, string>;

/** Command-line flag of each option that has one. */
export const configFlags: Partial<Record<keyof Config, string>> = {
  host: '--host',
  port: '--port',
  dataDir: '--data-dir',
  storage: '--storage',
};

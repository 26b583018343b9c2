/**
 * @module config/load
 * Builds the frozen {@link Config} from (lowest to highest precedence) defaults, `IAMD_*` environment variables
 * and explicit values (command-line flags, tests). The only module that reads `process.env`.
 */

import { type Config, type ConfigInput, configEnv, configSchema } from './schema.js';

/** A configuration problem, with every offending option named. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Loads and validates the configuration.
 *
 * @example
 * const config = loadConfig({ port: 0, storage: 'memory' }, {});
 */
export function loadConfig(
  overrides: Partial<Record<keyof Config, unknown>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): Config {
  const fromEnv: Record<string, unknown> = {};
  for (const [option, variable] of Object.entries(configEnv)) {
    const value = env[variable];
    if (value !== undefined && value !== '') fromEnv[option] = value;
  }
  const merged: Record<string, unknown> = { ...fromEnv };
  for (const [option, value] of Object.entries(overrides)) {
    if (value !== undefined) merged[option] = value;
  }
  const parsed = configSchema.safeParse(merged as ConfigInput);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const option = issue.path.join('.') || '(config)';
      const variable = configEnv[option as keyof Config];
      return `${option}${variable ? ` (${variable})` : ''}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}

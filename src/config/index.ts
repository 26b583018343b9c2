/**
 * @module config
 * The configuration schema and its loader.
 */
export { ConfigError, loadConfig } from './load.js';
export { type Config, type ConfigInput, configEnv, configFlags, configSchema } from './schema.js';
export { renderConfigTable } from './render-docs.js';
export { processEnvironment } from './environment.js';

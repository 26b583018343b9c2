/**
 * @module config/render-docs
 * Renders the options table of `docs/configuration.md` from the schema, so the documentation cannot drift.
 */

import { configEnv, configFlags, configSchema } from './schema.js';

/**
 * The markdown table of every option: name, environment variable, flag, default, description.
 *
 * @example
 * renderConfigTable().split('\n')[0]; // '| option | environment | flag | default | description |'
 */
export function renderConfigTable(): string {
  const rows = ['| option | environment | flag | default | description |', '| --- | --- | --- | --- | --- |'];
  const defaults = configSchema.parse({});
  for (const [name, field] of Object.entries(configSchema.shape)) {
    const option = name as keyof typeof configEnv;
    const value = (defaults as Record<string, unknown>)[name];
    const shown = value === undefined ? '(none)' : `\`${String(value)}\``;
    const flag = configFlags[option];
    rows.push(
      `| \`${name}\` | \`${configEnv[option]}\` | ${flag ? `\`${flag}\`` : ''} | ${shown} | ${field.description ?? ''} |`,
    );
  }
  return rows.join('\n');
}

/**
 * @module core/error-docs
 * Renders the error table of `docs/errors.md` from the registry, so the documentation cannot drift from the codes
 * iamd emits.
 */

import { type ErrorSpec, errorRegistry } from './errors.js';

/**
 * The markdown table of every error code: Query status, fault, S3 spelling, default message.
 *
 * @example
 * renderErrorTable().includes('| `NoSuchEntity` | 404 |'); // true
 */
export function renderErrorTable(): string {
  const rows = [
    '| code | HTTP (IAM/STS) | type | as S3 sends it | default message |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [code, spec] of Object.entries(errorRegistry) as [string, ErrorSpec][]) {
    const s3 = spec.s3 ? `\`${spec.s3.code}\` ${spec.s3.status}` : `\`${code}\` ${spec.status}`;
    rows.push(`| \`${code}\` | ${spec.status} | ${spec.fault} | ${s3} | ${spec.message.replace(/\|/g, '\\|')} |`);
  }
  return rows.join('\n');
}

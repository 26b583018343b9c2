/**
 * The generated parts of docs/ must match the code they describe (STYLE.md principle 3 and 6). Run with
 * IAMD_UPDATE_DOCS=1 to rewrite them after changing the error registry or the config schema.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigTable } from '../../src/config/index.js';
import { renderErrorTable } from '../../src/core/error-docs.js';
import { errorRegistry } from '../../src/core/errors.js';

const section = (file: string, name: string, content: string) => {
  const path = new URL(`../../docs/${file}`, import.meta.url);
  const text = readFileSync(path, 'utf8');
  const begin = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  expect(from, `${file} has a ${begin} marker`).toBeGreaterThanOrEqual(0);
  expect(to, `${file} has a ${end} marker`).toBeGreaterThan(from);
  const current = text.slice(from + begin.length, to).trim();
  if (process.env['IAMD_UPDATE_DOCS'] === '1' && current !== content) {
    writeFileSync(path, `${text.slice(0, from + begin.length)}\n${content}\n${text.slice(to)}`);
    return;
  }
  expect(current, `docs/${file} is out of date: run IAMD_UPDATE_DOCS=1 npx vitest run test/docs`).toBe(content);
};

describe('generated documentation', () => {
  it('docs/errors.md lists every registered error code', () => {
    section('errors.md', 'errors', renderErrorTable());
    for (const code of Object.keys(errorRegistry)) expect(renderErrorTable()).toContain(`| \`${code}\` |`);
  });

  it('docs/configuration.md lists every option of the schema', () => {
    section('configuration.md', 'options', renderConfigTable());
  });
});

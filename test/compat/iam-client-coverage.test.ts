/**
 * Every IAM operation in the operation table is driven by at least one non-JS client suite: a boto3 script
 * (`test/compat/*.py`, snake_case method) or an AWS CLI v2 suite (kebab-case command). Adding an operation without
 * such coverage fails here.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iamOperations } from '../../src/operations/iam.js';

const dir = new URL('./', import.meta.url);
const read = (suffix: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .map((name) => readFileSync(new URL(name, dir), 'utf8'))
    .join('\n');

/** botocore's and the CLI's spelling of an operation name: `ListOpenIDConnectProviders` → list_open_id_connect_providers. */
function words(operation: string, separator: string): string {
  return operation
    .replace(/([a-z0-9])([A-Z])/g, `$1${separator}$2`)
    .replace(/([A-Z]+)([A-Z][a-z])/g, `$1${separator}$2`)
    .toLowerCase();
}

describe('IAM client coverage', () => {
  it('drives every IAM operation with boto3 or the AWS CLI', () => {
    const python = read('.py');
    const cli = read('.test.ts');
    const uncovered = [...iamOperations.keys()].filter(
      (op) =>
        !python.includes(`.${words(op, '_')}(`) &&
        !python.includes(`"${words(op, '_')}"`) &&
        !cli.includes(`'${words(op, '-')}'`),
    );
    expect(uncovered).toEqual([]);
  });
});

/**
 * @module policy/validate-policy
 * `validatePolicy`: what `iamd policy validate` prints. Parses and validates a document with AWS's grammar and
 * messages, then lints it (unknown services, actions and condition operators) when it is valid.
 */

import { parsePolicy } from './grammar/index.js';
import { lintPolicy } from './lint-policy.js';
import type { PolicyCatalog, PolicyKind, ValidationResult } from './types.js';

const EMPTY: PolicyCatalog = { knownActions: new Set() };

/**
 * Validates `text` as a policy of `kind`; with a catalog, also reports actions it does not know. Without a
 * catalog only unknown condition operators are reported.
 * @example
 * const r = validatePolicy(text, 'identity', { knownActions });
 * if (!r.ok) console.error(`${r.code}: ${r.error}`);
 * else for (const f of r.findings) console.warn(`statement ${f.statement}: ${f.message}`);
 */
export function validatePolicy(text: string, kind: PolicyKind, catalog?: PolicyCatalog): ValidationResult {
  const parsed = parsePolicy(text, kind);
  if (!parsed.ok) return { ok: false, error: parsed.error, code: parsed.code ?? 'MalformedPolicyDocument' };
  const findings = lintPolicy(parsed.policy, catalog ?? EMPTY).filter(
    (f) => catalog !== undefined || f.code === 'UnknownOperator',
  );
  return { ok: true, policy: parsed.policy, findings };
}

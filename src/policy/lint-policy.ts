/**
 * @module policy/lint-policy
 * Warnings about documents that IAM accepts but that probably do not say what their author meant, for
 * `iamd policy validate` and `parsePolicy`'s warnings: actions and service prefixes that the given catalog does
 * not know (IAM accepts unknown actions silently: IAM-SEMANTICS.md §4.16; IAM Access Analyzer reports them as
 * "unknown action" / "unknown service" findings), wildcard actions that match no known action, and condition
 * operators the engine does not know (their conditions never match). Pure: the catalog comes from the caller.
 */

import { parseOperator } from './conditions/index.js';
import { matchGlob } from './glob.js';
import type { PolicyCatalog, PolicyDocument, PolicyFinding, PolicyStatement } from './types.js';

/** Lower-cased service prefix → lower-cased action names, built from the catalog. */
function byService(catalog: PolicyCatalog): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const action of catalog.knownActions) {
    const lower = action.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon <= 0) continue;
    const service = lower.slice(0, colon);
    const names = out.get(service) ?? [];
    names.push(lower.slice(colon + 1));
    out.set(service, names);
  }
  return out;
}

function actionFindings(
  statement: PolicyStatement,
  services: ReadonlyMap<string, readonly string[]>,
  where: Pick<PolicyFinding, 'statement' | 'sid'>,
): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const action of statement.action ?? statement.notAction ?? []) {
    if (action === '*') continue;
    const colon = action.indexOf(':');
    const service = action.slice(0, colon).toLowerCase();
    const name = action.slice(colon + 1).toLowerCase();
    const names = services.get(service);
    if (names === undefined) {
      out.push({ ...where, code: 'UnknownService', message: `Unknown service prefix "${service}" in ${action}.` });
    } else if (/[*?]/.test(name) ? !names.some((n) => matchGlob(name, n)) : !names.includes(name)) {
      const message = /[*?]/.test(name)
        ? `${action} matches no known ${service} action.`
        : `Unknown action ${action}: ${service} has no action of that name.`;
      out.push({ ...where, code: 'UnknownAction', message });
    }
  }
  return out;
}

function operatorFindings(statement: PolicyStatement, where: Pick<PolicyFinding, 'statement' | 'sid'>) {
  const out: PolicyFinding[] = [];
  for (const [operator, entries] of Object.entries(statement.condition ?? {})) {
    if (parseOperator(operator) === undefined && Object.keys(entries).length > 0) {
      const message = `Unknown condition operator ${operator}: its conditions never match.`;
      out.push({ ...where, code: 'UnknownOperator', message });
    }
  }
  return out;
}

/**
 * Lints a parsed document against a catalog of known actions (lower-case `service:action`). Findings are
 * warnings: the document is valid either way.
 * @example
 * lintPolicy(parsed.policy, { knownActions: new Set(['s3:getobject', 's3:putobject']) });
 * // [{ code: 'UnknownAction', message: 'Unknown action s3:GetObjekt: s3 has no action of that name.', statement: 0 }]
 */
export function lintPolicy(policy: PolicyDocument, catalog: PolicyCatalog): PolicyFinding[] {
  const services = byService(catalog);
  const out: PolicyFinding[] = [];
  policy.statements.forEach((statement, index) => {
    const where = statement.sid === undefined ? { statement: index } : { statement: index, sid: statement.sid };
    out.push(...actionFindings(statement, services, where), ...operatorFindings(statement, where));
  });
  return out;
}

/**
 * @module cli/policy/catalog
 * The action catalog `iamd policy validate` lints against: every IAM and STS action, from the service models
 * (their operation names are their action names) plus the actions that are not operations (`iam:PassRole`,
 * `sts:TagSession`, …). Other services are not covered yet, so only findings about IAM and STS actions, and about
 * unknown condition operators, are reported.
 */

import type { PolicyFinding } from '../../policy/index.js';
import { loadServiceModel } from '../../protocols/index.js';

/** Actions that authorize something other than an API operation (Service Authorization Reference). */
const NON_OPERATION_ACTIONS = [
  'iam:PassRole',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
  'sts:GetServiceBearerToken',
];

/** The services the catalog knows completely. */
export const CATALOG_SERVICES = new Set(['iam', 'sts']);

/**
 * Builds the catalog of known IAM and STS actions (lower-case `service:action`).
 *
 * @example
 * buildCatalog().knownActions.has('iam:passrole'); // true
 */
export function buildCatalog(): { knownActions: ReadonlySet<string> } {
  const known = new Set(NON_OPERATION_ACTIONS.map((action) => action.toLowerCase()));
  for (const service of CATALOG_SERVICES) {
    for (const operation of loadServiceModel(service as 'iam' | 'sts').operationNames()) {
      known.add(`${service}:${operation.toLowerCase()}`);
    }
  }
  return { knownActions: known };
}

/** Keeps the findings the catalog can vouch for: actions of covered services, and unknown operators. */
export function coveredFindings(findings: readonly PolicyFinding[]): PolicyFinding[] {
  return findings.filter((finding) => {
    if (finding.code === 'UnknownOperator') return true;
    if (finding.code === 'UnknownService') return false;
    const service = /(?:Unknown action |^)([a-z0-9-]+):/i.exec(finding.message)?.[1]?.toLowerCase();
    return service !== undefined && CATALOG_SERVICES.has(service);
  });
}

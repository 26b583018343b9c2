/**
 * @module cli/policy/render
 * Human-readable explanations of decisions for `iamd policy explain` and `simulate` without `--json`.
 */

import { denyMessage } from '../../core/authz/index.js';
import type { AuthzRequest, Decision } from '../../policy/index.js';

const layerNames = {
  identity: 'identity-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  resource: 'resource-based policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
} as const;

/**
 * Explains a decision in a few lines: the outcome, why, which statements applied, what context was missing.
 *
 * @example
 * process.stdout.write(explainDecision(request, decision));
 */
export function explainDecision(request: AuthzRequest, decision: Decision): string {
  const who = request.principal.arn ?? request.principal.serviceName ?? request.principal.type;
  const lines = [`${decision.outcome}: ${who} → ${request.action} on ${request.resource}`];
  if (decision.reason) {
    const layer = layerNames[decision.reason.layer];
    lines.push(
      decision.reason.kind === 'explicit'
        ? `  because a statement of a ${layer} denies it explicitly`
        : `  because no ${layer} allows it`,
    );
    lines.push(`  AWS would answer: AccessDenied: ${denyMessage(who, request.action, request.resource, decision)}`);
  }
  if (decision.matched.length > 0) {
    lines.push('  statements that applied:');
    for (const m of decision.matched) {
      lines.push(
        `    ${m.effect.padEnd(5)} ${m.source} statement ${m.index + 1}${m.sid ? ` (Sid ${m.sid})` : ''} [${layerNames[m.layer]}]`,
      );
    }
  } else {
    lines.push('  no statement applied');
  }
  if (decision.missingKeys.length > 0) {
    lines.push(`  context keys the policies asked for but the request lacks: ${decision.missingKeys.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

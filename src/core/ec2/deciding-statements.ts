/**
 * @module core/ec2/deciding-statements
 * Names the statements that decided a denial, for the credential endpoints and `iamd exec`, whose users need to
 * know which policy to fix. An explicit deny names its Deny statements; an implicit deny has no deciding statement
 * (nothing allowed the request), which the AccessDenied message already says layer by layer.
 */

import type { Decision, MatchedStatement } from '../../policy/index.js';

const describe = (statement: MatchedStatement) =>
  statement.sid
    ? `statement "${statement.sid}" of ${statement.source}`
    : `statement ${statement.index + 1} of ${statement.source}`;

/**
 * ` (deciding statement: …)` for an explicit deny, else the empty string.
 *
 * @example
 * decidingStatements(decision); // ' (deciding statement: statement "DenyProd" of arn:aws:iam::000000000000:policy/guard)'
 */
export function decidingStatements(decision: Decision): string {
  const reason = decision.reason;
  if (decision.outcome !== 'ExplicitDeny' || reason?.kind !== 'explicit') return '';
  const denies = decision.matched.filter(
    (statement) => statement.effect === 'Deny' && statement.layer === reason.layer,
  );
  return denies.length === 0 ? '' : ` (deciding statement: ${denies.map(describe).join('; ')})`;
}

/**
 * @module core/authz/deny-message
 * AccessDenied messages in AWS's current form (IAM User Guide, "Troubleshoot access denied error messages"):
 * `User: <arn> is not authorized to perform: <action> on resource: <arn> because no identity-based policy allows
 * the <action> action`, or `… with an explicit deny in a <type> policy`.
 */

import type { Decision, PolicyLayer } from '../../policy/index.js';

const layerNames: Record<PolicyLayer, { implicit: string; explicit: string }> = {
  identity: { implicit: 'no identity-based policy', explicit: 'an identity-based policy' },
  boundary: { implicit: 'no permissions boundary', explicit: 'a permissions boundary' },
  session: { implicit: 'no session policy', explicit: 'a session policy' },
  resource: { implicit: 'no resource-based policy', explicit: 'a resource-based policy' },
  scp: { implicit: 'no service control policy', explicit: 'a service control policy' },
  rcp: { implicit: 'no resource control policy', explicit: 'a resource control policy' },
};

/**
 * The message of an AccessDenied error for a denied decision.
 *
 * @example
 * denyMessage('arn:aws:sts::000000000000:assumed-role/r/s', 's3:PutObject', 'arn:aws:s3:::b/k', decision);
 * // "User: arn:aws:sts::000000000000:assumed-role/r/s is not authorized to perform: s3:PutObject on resource:
 * //  arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action"
 */
export function denyMessage(principal: string, action: string, resource: string, decision: Decision): string {
  const head = `User: ${principal} is not authorized to perform: ${action} on resource: ${resource}`;
  const reason = decision.reason;
  if (!reason) return head;
  const names = layerNames[reason.layer];
  const article = reason.kind === 'explicit' ? 'with an explicit deny in' : 'because';
  return reason.kind === 'explicit'
    ? `${head} ${article} ${names.explicit}`
    : `${head} ${article} ${names.implicit} allows the ${action} action`;
}

/**
 * @module operations/trust-specs
 * What every AssumeRole* call asks the authorizer: the action on the role ARN against the role's trust policy (a
 * resource policy that is always required, IAM-SEMANTICS.md §4.6), plus `sts:TagSession` when the session gets tags
 * and `sts:SetSourceIdentity` when it gets a source identity, each with the same principal, resource and context.
 */

import type { AuthorizationSpec } from '../core/authz/index.js';

/** The authorizations of one AssumeRole* call. */
export interface TrustRequest {
  readonly action: string;
  readonly roleArn: string;
  /** The role's trust policy, or `undefined` when there is no such role. */
  readonly trustPolicy: string | undefined;
  readonly context: AuthorizationSpec['context'];
  readonly withTags: boolean;
  readonly withSourceIdentity: boolean;
  readonly federatedPrincipal?: AuthorizationSpec['federatedPrincipal'];
}

/**
 * The specs to authorize, all of which must allow.
 *
 * @example
 * trustSpecs({ action: 'sts:AssumeRole', roleArn, trustPolicy, context, withTags: false, withSourceIdentity: false });
 */
export function trustSpecs(request: TrustRequest): AuthorizationSpec[] {
  const base: AuthorizationSpec = {
    action: request.action,
    resource: request.roleArn,
    resourceAccount: request.roleArn.split(':')[4],
    context: request.context,
    federatedPrincipal: request.federatedPrincipal,
    // A missing role has no trust policy: the required resource policy then denies, and the caller learns only
    // AccessDenied, as with AWS.
    resourcePolicy: {
      document: request.trustPolicy ?? '{"Statement":[]}',
      kind: 'trust',
      source: `${request.roleArn}#trust-policy`,
    },
  };
  const specs = [base];
  if (request.withTags) specs.push({ ...base, action: 'sts:TagSession' });
  if (request.withSourceIdentity) specs.push({ ...base, action: 'sts:SetSourceIdentity' });
  return specs;
}

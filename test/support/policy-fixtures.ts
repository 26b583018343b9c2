/**
 * Fixtures shared by the policy engine's end-to-end tests: compile statements of a kind, the usual principals,
 * and a one-line evaluation helper.
 */

import { compilePolicy, createContext, evaluate, parsePolicy } from '../../src/policy/index.js';
import type {
  AuthzRequest,
  CompiledPolicy,
  ContextValue,
  PolicyKind,
  PolicyLayer,
  PolicySet,
  PrincipalInfo,
} from '../../src/policy/index.js';

export const A = '111122223333';
export const B = '444455556666';
export const OBJ = 'arn:aws:s3:::bucket/key';

/** Parses and compiles statements as a policy of `kind`, failing the test on a grammar error. */
export const compile = (
  statements: object[],
  kind: PolicyKind,
  layer: PolicyLayer,
  version = '2012-10-17',
): CompiledPolicy => {
  const r = parsePolicy(JSON.stringify({ Version: version, Statement: statements }), kind);
  if (!r.ok) throw new Error(r.error);
  return compilePolicy(r.policy, `${kind}-policy`, layer);
};
export const identity = (...statements: object[]) => compile(statements, 'identity', 'identity');
export const bucketPolicy = (...statements: object[]) => compile(statements, 'resource', 'resource');
export const trustPolicy = (...statements: object[]) => compile(statements, 'trust', 'resource');

export const alice: PrincipalInfo = { type: 'User', accountId: A, arn: `arn:aws:iam::${A}:user/alice` };
export const session: PrincipalInfo = {
  type: 'AssumedRole',
  accountId: A,
  arn: `arn:aws:sts::${A}:assumed-role/App/s1`,
  roleArn: `arn:aws:iam::${A}:role/team/App`,
};

/** The outcome of one request. */
export const outcome = (
  principal: PrincipalInfo,
  action: string,
  resource: string,
  policies: PolicySet,
  ctx: Record<string, ContextValue> = {},
  resourceAccount = A,
) => {
  const request: AuthzRequest = { principal, action, resource, resourceAccount, context: createContext(ctx) };
  return evaluate(request, policies).outcome;
};

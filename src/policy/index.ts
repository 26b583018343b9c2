/**
 * @module policy
 * The IAM policy engine: parse and validate documents (AWS's grammar and messages), compile them once, and
 * evaluate requests into decisions that carry their reasons. Pure: no clock, environment, I/O or logging.
 * Semantics: ../../../shared/design/IAM-SEMANTICS.md.
 *
 * @example
 * const parsed = parsePolicy(text, 'identity');
 * if (!parsed.ok) throw new AwsError(parsed.code ?? 'MalformedPolicyDocument', parsed.error);
 * const compiled = compilePolicy(parsed.policy, policyArn, 'identity');
 * const decision = evaluate({ principal, action, resource, resourceAccount, context: createContext(keys) }, { identity: [compiled] });
 */

export { compilePolicy, mergePolicies } from './compile-policy.js';
export { createContext } from './context.js';
export { evaluate } from './evaluate.js';
export { matchGlob } from './glob.js';
export { parsePolicy } from './grammar/index.js';
export { lintPolicy } from './lint-policy.js';
export { validatePolicy } from './validate-policy.js';
export type {
  AuthzRequest,
  CompiledPolicy,
  ContextValue,
  Decision,
  DenyReason,
  MatchedStatement,
  MatchStrength,
  Outcome,
  ParseErrorCode,
  ParseOptions,
  ParseResult,
  PolicyCatalog,
  PolicyDocument,
  PolicyFinding,
  PolicyKind,
  PolicyLayer,
  PolicySet,
  PolicyStatement,
  PrincipalBlock,
  PrincipalInfo,
  PrincipalType,
  RequestContext,
  ValidationResult,
} from './types.js';

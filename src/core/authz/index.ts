/**
 * @module core/authz
 * Authorization: callers, request context, policy gathering and enforcement.
 */
export { AuthorizationMessages } from './authorization-message.js';
export { type AuthorizationResult, type AuthorizationSpec, Authorizer } from './authorizer.js';
export * from './caller.js';
export { ChangeTracker } from './change-tracker.js';
export { PolicyCompiler } from './compiled-policies.js';
export { denyMessage } from './deny-message.js';
export { PrincipalPolicyLoader } from './principal-policies.js';
export type { RequestFacts } from './request-facts.js';
export { sessionRestriction } from './session-restrictions.js';

/**
 * @module core/accounts
 * Accounts, their bootstrap, and credential resolution.
 */
export { type BootstrapResult, bootstrapAccount } from './bootstrap.js';
export { CredentialCache, LONG_TERM_TTL_MS } from './credential-cache.js';
export {
  type AuthDialect,
  type CredentialResolver,
  createCredentialResolver,
  type ResolvedCredentials,
} from './credential-resolver.js';

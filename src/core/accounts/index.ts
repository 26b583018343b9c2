/**
 * @module core/accounts
 * Accounts, their bootstrap, and credential resolution.
 */
export { type BootstrapResult, bootstrapAccount } from './bootstrap.js';
export {
  type AuthDialect,
  type CredentialResolver,
  createCredentialResolver,
  type ResolvedCredentials,
} from './credential-resolver.js';

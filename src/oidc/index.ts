/**
 * @module oidc
 * The outbound adapter that fetches OpenID Connect key sets. Only app.ts uses it.
 */
export { RemoteOidcKeys, type RemoteOidcKeysOptions } from './remote-oidc-keys.js';

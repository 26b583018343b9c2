/**
 * @module core/federation
 * Federated identities: OpenID Connect web identity tokens (AssumeRoleWithWebIdentity).
 */
export { WebIdentityFederation, type WebIdentityRequest } from './web-identity-federation.js';
export { providerUrlOf, type WebIdentity, type WebIdentityDeps, verifyWebIdentityToken } from './web-identity-token.js';

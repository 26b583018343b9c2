/**
 * @module core/federation
 * Federated identities: OpenID Connect web identity tokens (AssumeRoleWithWebIdentity) and SAML 2.0 responses
 * (AssumeRoleWithSAML).
 */
export { WebIdentityFederation, type WebIdentityRequest } from './web-identity-federation.js';
export { providerUrlOf, type WebIdentity, type WebIdentityDeps, verifyWebIdentityToken } from './web-identity-token.js';
export { SamlFederation, type SamlIdentity, type SamlRequest } from './saml-federation.js';

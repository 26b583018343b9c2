/**
 * @module core/keyring
 * Sealing of secrets at rest and of session tokens.
 */
export {
  type Keyring,
  type KeyringKey,
  KeyringManager,
  loadKeyring,
  MAX_TOKEN_SECONDS,
  type RotationResult,
} from './keyring.js';
export { createSealer, openText, type Sealer, sealText } from './sealer.js';
export { createTokenSealer, type TokenSealer } from './token-sealer.js';
export {
  type FederatedUserClaims,
  openSessionToken,
  type RoleSessionClaims,
  type SessionClaims,
  sealSessionToken,
  type UserSessionClaims,
} from './session-token.js';

/**
 * @module core/sts
 * The STS domain.
 */
export { MfaCheck, type MfaVerifier } from './mfa-check.js';
export { CredentialRateLimiter } from './rate-limiter.js';
export { type StsDeps, StsService } from './sts-service.js';
export { type UserSessionDeps, UserSessions } from './user-sessions.js';

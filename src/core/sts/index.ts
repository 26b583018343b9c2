/**
 * @module core/sts
 * The STS domain.
 */
export { type StsDeps, StsService } from './sts-service.js';

/**
 * @module core/audit
 * The audit trail: one CloudTrail-shaped record per request (allowed or denied), written to the database and an
 * optional JSON Lines file, queried by LookupEvents, and turned into least-privilege policies.
 */
export {
  type AuditColumns,
  type AuditDraft,
  type AuditEvent,
  type AuditEventFields,
  auditEventOf,
  type AuthorizedAction,
  type CloudTrailRecord,
  type EventResource,
  sameAuthorized,
  type SessionContext,
  type UserIdentity,
} from './audit-event.js';
export { type AuditorOptions, type AuditStats, Auditor } from './auditor.js';
export { type AuditEntry, type BuildOptions, draftOf } from './audit-draft.js';
export { buildAuditEvents, eventsOfDraft } from './build-record.js';
export { jsonString } from './json-string.js';
export { eventSourceOf, isDataEvent, isReadOnly, resourceOf } from './classify.js';
export { lookupEventOf, lookupEvents } from './lookup-events.js';
export { REFUSALS_PENDING, type Refusal, RefusalRecorder, refusedEventName } from './refusals.js';
export { elementDate, isOmittedMember, writeElements } from './parameters.js';
export { type GeneratedPolicy, generaliseResources, generatePolicy } from './policy-generation.js';
export {
  JOB_TTL_MS,
  MAX_JOBS,
  ServiceLastAccessed,
  type ServiceLastAccessedDeps,
} from './service-last-accessed.js';
export { type AuditFile, auditSinks } from './store-sink.js';
export { cloudTrailTime, userIdentityOf, usernameOf } from './user-identity.js';

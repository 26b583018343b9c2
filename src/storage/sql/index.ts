/**
 * @module storage/sql
 * The repositories shared by the SQL dialects, their schema and its migrations. Dialect folders (`../sqlite`, later
 * `../postgres`) open a `Kysely<Database>`, run {@link migrateToLatest} and wrap it with these stores.
 */

export { migrateToLatest } from './migrate.js';
export { IAM_CHANGES_CHANNEL, type SqlDialectName, type SqlMigration, sqlMigrations } from './migrations/index.js';
export type { Database } from './schema.js';
export { createSqlAccountStore } from './sql-account-store.js';
export { type AuditBatchRows, auditBatchesOf, eventOfLine, readAuditBatch } from './audit-batch.js';
export { AuditBatchStager, type StagedAuditBatchRows } from './audit-batch-stager.js';
export { createSqlAuditStore } from './sql-audit-store.js';
export { createSqlEc2Store } from './sql-ec2-store.js';
export { createSqlIamStore } from './sql-iam-store.js';
export { createSqlS3Store } from './sql-s3-store.js';

/**
 * @module storage/postgres
 * The PostgreSQL adapter (`pg` + Kysely), for deployments that share one database between nodes.
 */

export { openPostgresStores, type PostgresStoresOptions } from './open-postgres-stores.js';

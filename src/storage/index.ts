/**
 * @module storage
 * The adapters behind `core/ports.ts`. Only `app.ts` and `cli/` import this module.
 */

export { createFsBlobStore, createMemoryBlobStore } from './blobs/index.js';
export { createMemoryStores } from './memory/index.js';
export { openPostgresStores, type PostgresStoresOptions } from './postgres/index.js';
export { openSqliteStores, type SqliteStoresOptions } from './sqlite/index.js';
export { loadOrCreateMasterKey } from './keys/master-key-file.js';
export { createJsonLinesSink } from './audit-file/index.js';

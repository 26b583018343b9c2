/**
 * @module storage/memory
 * The in-memory reference adapter.
 */

export { createMemoryStores } from './memory-stores.js';

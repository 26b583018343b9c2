/**
 * @module storage/blobs
 * Object-body stores: files under the data directory, or memory for the memory adapter and tests.
 */

export { createFsBlobStore } from './fs-blob-store.js';
export { createMemoryBlobStore } from './memory-blob-store.js';

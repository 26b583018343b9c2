/**
 * @module cli/import
 * `iamd import` and `iamd export`.
 */

export { applyBootstrap, type BootstrapDocument } from './bootstrap.js';
export { exportDocument, importDocument, registerImportCommands } from './commands.js';
export { progressBar } from './progress.js';

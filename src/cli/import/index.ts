/**
 * @module cli/import
 * `iamd import` and `iamd export`.
 */

export { exportDocument, importDocument, registerImportCommands } from './commands.js';
export { progressBar } from './progress.js';

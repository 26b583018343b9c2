/**
 * @module storage/audit-file
 * The JSON Lines audit file sink.
 */
export { createJsonLinesSink, type JsonLinesSinkOptions, rotatedName } from './json-lines-sink.js';

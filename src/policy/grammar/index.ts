/**
 * @module policy/grammar
 * Parsing and validation of policy documents: strict JSON, AWS's grammar and messages, normalization.
 */

export { type JsonObject, type JsonResult, type JsonValue, parseJson } from './parse-json.js';
export { parsePolicy } from './parse-policy.js';

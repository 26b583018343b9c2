/**
 * @module policy/grammar/json-shapes
 * Small readers that turn JSON values into the shapes the grammar expects, failing with AWS's generic
 * "Syntax errors in policy." when the JSON type is wrong.
 */

import { fail, SYNTAX } from './messages.js';
import type { JsonObject, JsonValue } from './parse-json.js';

/** True for JSON objects (which the parser returns as `Map`s). */
export function isObject(value: JsonValue | undefined): value is JsonObject {
  return value instanceof Map;
}

/** Reads an object or fails. */
export function objectOf(value: JsonValue | undefined): JsonObject {
  if (!isObject(value)) fail(SYNTAX);
  return value;
}

/** Reads `"x"` or `["x", …]` into a list of strings; an empty array yields `[]`. */
export function stringList(value: JsonValue): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) fail(SYNTAX);
  const out: string[] = [];
  for (const item of value as readonly JsonValue[]) {
    if (typeof item !== 'string') fail(SYNTAX);
    out.push(item);
  }
  return out;
}

/** Reads a condition value: a string, number or boolean, or an array of them, as strings. */
export function scalarList(value: JsonValue): string[] {
  const items = Array.isArray(value) ? (value as readonly JsonValue[]) : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') fail(SYNTAX);
    out.push(String(item));
  }
  return out;
}

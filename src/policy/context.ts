/**
 * @module policy/context
 * Builds the request context. Condition key names are case-insensitive (IAM User Guide, "Condition element":
 * "Condition key names are not case-sensitive"; IAM-SEMANTICS.md tricky case 10), so keys are lower-cased once
 * here and every lookup in the engine uses lower-cased names. Values keep their case: operators decide.
 */

import type { ContextValue, RequestContext } from './types.js';

/**
 * Creates a {@link RequestContext} from plain entries, lower-casing keys and dropping `undefined` values, so that
 * callers can write optional keys inline. An array is a multi-valued key (possibly empty); a string is single-valued.
 * @example
 * createContext({ 'aws:SourceIp': '10.0.0.1', 'sts:ExternalId': input.ExternalId, 'aws:TagKeys': [] });
 */
export function createContext(entries: Readonly<Record<string, ContextValue | undefined>>): RequestContext {
  const map = new Map<string, ContextValue>();
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    if (value !== undefined) map.set(key.toLowerCase(), value);
  }
  return map;
}

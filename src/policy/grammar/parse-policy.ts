/**
 * @module policy/grammar/parse-policy
 * `parsePolicy`: limits, strict JSON (duplicate keys rejected), then the grammar of IAM-SEMANTICS.md §4.16 for
 * the given policy kind, returning the normalized document or AWS's message.
 *
 * Version rules: identity, session, boundary and RCP documents must say `2012-10-17` (AWS answers a missing or
 * `2008-10-17` Version with "Policy document must be version 2012-10-17 or greater."); trust, resource and
 * SCP documents also accept `2008-10-17` or no Version, in which case policy variables are literal text.
 */

import { lintPolicy } from '../lint-policy.js';
import type { ParseOptions, ParseResult, PolicyDocument, PolicyKind, PolicyStatement } from '../types.js';
import { objectOf } from './json-shapes.js';
import { checkLimits, isIamKind } from './limits.js';
import { fail, GrammarError, LEGACY, SID_UNIQUE, SYNTAX, VERSION } from './messages.js';
import { type JsonObject, parseJson } from './parse-json.js';
import { readStatement } from './statement.js';

const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

function readVersion(doc: JsonObject, kind: PolicyKind): string | undefined {
  const version = doc.get('Version');
  if (version !== undefined && typeof version !== 'string') fail(SYNTAX);
  // RCPs too: "Every RCP must include a Version element with the value 2012-10-17" (Organizations, RCP syntax).
  const strict = kind === 'identity' || kind === 'session' || kind === 'boundary' || kind === 'rcp';
  if (strict && version !== '2012-10-17') fail(VERSION);
  if (version !== undefined && !VERSIONS.has(version)) fail(isIamKind(kind) ? VERSION : LEGACY);
  return version;
}

function readDocument(text: string, kind: PolicyKind, warnings: string[]): PolicyDocument {
  const json = parseJson(text);
  if (!json.ok) fail(SYNTAX);
  const doc = objectOf(json.value);
  for (const key of doc.keys()) if (!TOP_KEYS.has(key)) fail(SYNTAX);
  const version = readVersion(doc, kind);
  const id = doc.get('Id');
  if (id !== undefined && typeof id !== 'string') fail(SYNTAX);
  const raw = doc.get('Statement');
  if (raw === undefined) fail(SYNTAX);
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: PolicyStatement[] = list.map((s) => readStatement(s, kind, warnings));
  if (isIamKind(kind)) {
    const seen = new Set<string>();
    for (const { sid } of statements) {
      if (sid === undefined || sid === '') continue;
      if (seen.has(sid)) fail(SID_UNIQUE);
      seen.add(sid);
    }
  }
  return {
    ...(version === undefined ? {} : { version }),
    ...(id === undefined ? {} : { id }),
    statements,
  };
}

/**
 * Parses and validates a policy document of the given kind. `warnings` name unknown condition operators and,
 * when `options.knownActions` is given, actions and services outside it.
 * @example
 * const r = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"*","Resource":"*"}}', 'identity');
 * // { ok: false, error: 'The policy failed legacy parsing', code: 'MalformedPolicyDocument' }
 */
export function parsePolicy(text: string, kind: PolicyKind, options?: ParseOptions): ParseResult {
  try {
    checkLimits(text, kind, options?.ignoreSizeLimits === true);
    const warnings: string[] = [];
    const policy = readDocument(text, kind, warnings);
    const knownActions = options?.knownActions;
    if (knownActions !== undefined) {
      for (const f of lintPolicy(policy, { knownActions })) if (f.code !== 'UnknownOperator') warnings.push(f.message);
    }
    return { ok: true, policy, warnings };
  } catch (err) {
    if (err instanceof GrammarError) return { ok: false, error: err.message, code: err.code };
    throw err;
  }
}

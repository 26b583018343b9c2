/**
 * @module policy/variables
 * Policy variables (IAM-SEMANTICS.md §4.14; IAM User Guide "IAM policy elements: Variables and tags"):
 * `${key}` with any single-valued context key (names case-insensitive), `${key, 'default'}`, and the escapes
 * `${*}`, `${?}`, `${$}` for literal characters. Callers enable them only for `Version: 2012-10-17` documents.
 *
 * Substituted text is literal: in glob mode a `*` coming from a value is escaped, so a user named `a*` gains no
 * wildcard power (tricky case 12). A key that is absent, or multi-valued, resolves to its default if it has one
 * and otherwise makes the whole entry unresolvable; callers then treat the entry as matching nothing, never as
 * the literal text `${…}`.
 */

import { escapeGlob } from './glob.js';
import type { RequestContext } from './types.js';

/** One piece of a template. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'var'; readonly key: string; readonly fallback?: string | undefined };

/** A string with policy variables, parsed once at compile time. */
export interface Template {
  readonly parts: readonly TemplatePart[];
  /** False when the string has no `${key}` (escapes alone are resolved at parse time). */
  readonly dynamic: boolean;
}

/**
 * Receives the keys a condition or template needed but the context did not have. An object with a method, not
 * a callback, so the evaluator can pass its per-decision state without allocating a closure.
 */
export interface MissingSink {
  noteMissing(key: string): void;
}

const VARIABLE = /^\s*([^\s,'}]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Parses `${…}` references in `text`. In glob mode, literal characters coming from escapes are written escaped
 * (`\*`), and backslashes of the plain text are escaped so the result is a {@link matchEscapedGlob} pattern.
 * @example
 * parseTemplate("home/${aws:username}/*", 'glob'); // text 'home/', var 'aws:username', text '/*'
 */
export function parseTemplate(text: string, mode: 'plain' | 'glob'): Template {
  const parts: TemplatePart[] = [];
  let buffer = '';
  let dynamic = false;
  let i = 0;
  const literal = (s: string): string => (mode === 'glob' ? s.replace(/\\/g, '\\\\') : s);
  while (i < text.length) {
    const open = text.indexOf('${', i);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) break;
    buffer += literal(text.slice(i, open));
    const inner = text.slice(open + 2, close);
    i = close + 1;
    if (inner === '*' || inner === '?' || inner === '$') {
      buffer += mode === 'glob' ? escapeGlob(inner) : inner;
      continue;
    }
    const m = VARIABLE.exec(inner);
    if (m === null || m[1] === undefined) {
      buffer += literal(`\${${inner}}`);
      continue;
    }
    if (buffer !== '') parts.push({ kind: 'text', text: buffer });
    buffer = '';
    dynamic = true;
    parts.push(
      m[2] === undefined
        ? { kind: 'var', key: m[1].toLowerCase() }
        : { kind: 'var', key: m[1].toLowerCase(), fallback: m[2] },
    );
  }
  buffer += literal(text.slice(i));
  if (buffer !== '') parts.push({ kind: 'text', text: buffer });
  return { parts, dynamic };
}

/** The template's text when it has no variables. */
export function staticText(template: Template): string {
  let out = '';
  for (const part of template.parts) if (part.kind === 'text') out += part.text;
  return out;
}

/**
 * Substitutes context values into a template; `undefined` when a variable has neither a single value nor a
 * default. In glob mode the substituted values are escaped so they match literally.
 * @example
 * // for the user "a*" the star from the value comes out escaped, the trailing one stays a wildcard
 * resolveTemplate(parseTemplate('home/${aws:username}/*', 'glob'), ctx, 'glob');
 */
export function resolveTemplate(
  template: Template,
  context: RequestContext,
  mode: 'plain' | 'glob',
  missing?: MissingSink,
): string | undefined {
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = context.get(part.key);
    let text: string | undefined;
    if (typeof value === 'string') text = value;
    else {
      if (value === undefined) missing?.noteMissing(part.key);
      text = part.fallback;
    }
    if (text === undefined) return undefined;
    out += mode === 'glob' ? escapeGlob(text) : text;
  }
  return out;
}

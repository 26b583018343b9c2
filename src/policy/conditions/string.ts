/**
 * @module policy/conditions/string
 * String condition operators (IAM User Guide, "Condition operators" → String): StringEquals, StringNotEquals,
 * StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike. Values may hold policy variables.
 * Like operators use the IAM glob (`*`, `?`), case-sensitive. IgnoreCase lower-cases both sides with the default
 * Unicode mapping; AWS does not document its folding (IAM-SEMANTICS.md §4.11, verify).
 */

import { compileGlob, type GlobMatcher, matchEscapedGlob } from '../glob.js';
import { parseTemplate, resolveTemplate, staticText, type Template } from '../variables.js';
import type { OperatorSpec, OperatorTable, ValueTest } from './types.js';

/** Splits policy values into those fixed at compile time and those with `${…}` to resolve per request. */
function prepare(values: readonly string[], variables: boolean, mode: 'plain' | 'glob') {
  const fixed: string[] = [];
  const dynamic: Template[] = [];
  for (const value of values) {
    if (!variables) {
      fixed.push(mode === 'glob' ? value.replace(/\\/g, '\\\\') : value);
      continue;
    }
    const template = parseTemplate(value, mode);
    if (template.dynamic) dynamic.push(template);
    else fixed.push(staticText(template));
  }
  return { fixed, dynamic };
}

function equalsTest(values: readonly string[], variables: boolean, fold: boolean): ValueTest {
  const { fixed, dynamic } = prepare(values, variables, 'plain');
  const set = new Set(fold ? fixed.map((v) => v.toLowerCase()) : fixed);
  return (value, context, missing) => {
    const r = fold ? value.toLowerCase() : value;
    if (set.has(r)) return true;
    for (let i = 0; i < dynamic.length; i++) {
      const template = dynamic[i] as Template;
      const resolved = resolveTemplate(template, context, 'plain', missing);
      if (resolved !== undefined && (fold ? resolved.toLowerCase() : resolved) === r) return true;
    }
    return false;
  };
}

function likeTest(values: readonly string[], variables: boolean): ValueTest {
  const { fixed, dynamic } = prepare(values, variables, 'glob');
  const matchers: GlobMatcher[] = fixed.map((v) => compileGlob(v, true));
  return (value, context, missing) => {
    for (let i = 0; i < matchers.length; i++) if ((matchers[i] as GlobMatcher)(value, 0, value.length)) return true;
    for (let i = 0; i < dynamic.length; i++) {
      const template = dynamic[i] as Template;
      const pattern = resolveTemplate(template, context, 'glob', missing);
      if (pattern !== undefined && matchEscapedGlob(pattern, value)) return true;
    }
    return false;
  };
}

const op = (negated: boolean, compile: OperatorSpec['compile']): OperatorSpec => ({ negated, compile });

/** The String family. */
export const stringOperators: OperatorTable = {
  StringEquals: op(false, (v, vars) => equalsTest(v, vars, false)),
  StringNotEquals: op(true, (v, vars) => equalsTest(v, vars, false)),
  StringEqualsIgnoreCase: op(false, (v, vars) => equalsTest(v, vars, true)),
  StringNotEqualsIgnoreCase: op(true, (v, vars) => equalsTest(v, vars, true)),
  StringLike: op(false, likeTest),
  StringNotLike: op(true, likeTest),
};

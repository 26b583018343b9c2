/**
 * @module policy/conditions/arn
 * ARN condition operators (IAM User Guide, "Condition operators" → Amazon Resource Name): ArnEquals and ArnLike
 * are the same operator, as are ArnNotEquals and ArnNotLike. The six ARN fields are compared separately, each
 * with the IAM glob, case-sensitive (IAM-SEMANTICS.md §4.12). Values may hold policy variables; a substituted
 * value is literal. A request value that is not an ARN matches neither the operator nor its negation.
 */

import { type ArnFields, splitArn } from '../arn-fields.js';
import { compileGlob, type GlobMatcher, matchEscapedGlob } from '../glob.js';
import { parseTemplate, resolveTemplate, staticText, type Template } from '../variables.js';
import type { OperatorSpec, OperatorTable, ValueTest } from './types.js';

/** A pattern of six fields is matched field by field; anything else (such as `*`) against the whole ARN. */
function compilePattern(pattern: string): (value: string, fields: ArnFields) => boolean {
  const parts = splitArn(pattern);
  if (parts === undefined) {
    const whole = compileGlob(pattern, true);
    return (value) => whole(value, 0, value.length);
  }
  const matchers: GlobMatcher[] = parts.map((p) => compileGlob(p, true));
  return (_value, fields) => {
    for (let i = 1; i < 6; i++) {
      const field = fields[i] as string;
      if (!(matchers[i] as GlobMatcher)(field, 0, field.length)) return false;
    }
    return true;
  };
}

function matchDynamic(pattern: string, value: string, fields: ArnFields): boolean {
  const parts = splitArn(pattern);
  if (parts === undefined) return matchEscapedGlob(pattern, value);
  for (let i = 1; i < 6; i++) if (!matchEscapedGlob(parts[i] as string, fields[i] as string)) return false;
  return true;
}

function arnTest(values: readonly string[], variables: boolean): ValueTest {
  const fixed: ((value: string, fields: ArnFields) => boolean)[] = [];
  const dynamic: Template[] = [];
  for (const value of values) {
    if (!variables) {
      fixed.push(compilePattern(value.replace(/\\/g, '\\\\')));
      continue;
    }
    const template = parseTemplate(value, 'glob');
    if (template.dynamic) dynamic.push(template);
    else fixed.push(compilePattern(staticText(template)));
  }
  return (value, context, missing) => {
    const fields = splitArn(value);
    if (fields === undefined) return undefined;
    for (const m of fixed) if (m(value, fields)) return true;
    for (const template of dynamic) {
      const pattern = resolveTemplate(template, context, 'glob', missing);
      if (pattern !== undefined && matchDynamic(pattern, value, fields)) return true;
    }
    return false;
  };
}

const op = (negated: boolean): OperatorSpec => ({ negated, compile: arnTest });

/** The ARN family. */
export const arnOperators: OperatorTable = {
  ArnEquals: op(false),
  ArnLike: op(false),
  ArnNotEquals: op(true),
  ArnNotLike: op(true),
};

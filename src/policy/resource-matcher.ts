/**
 * @module policy/resource-matcher
 * Compiles `Resource`/`NotResource` lists (IAM-SEMANTICS.md §4.11). Matching is case-sensitive and field by
 * field over the six ARN fields: the service must be equal, the other fields are IAM globs, and `*` in the
 * resource field spans `/` and `:`. Only the bare `*` matches everything, including the `*` of actions without a
 * resource type. Policy variables are substituted in the resource field only, and only for 2012-10-17 documents;
 * an entry whose variable cannot be resolved matches nothing (tricky case 12).
 *
 * Speed: the first five fields of a pattern form its head (`arn:aws:s3:::`, `arn:aws:ec2:*:111122223333:`);
 * statements of a service share few heads, so a decision tests each distinct head about once (see
 * `ArnView.matchesHead`) and then matches only the resource field, in place, without slicing. When the head is
 * literal, "every field equal" is "the resource starts with the head" (which holds exactly five colons), and the
 * common field shapes (`*`, a literal, a prefix) are fused into one closure with a length check first.
 */

import type { ArnView } from './arn-fields.js';
import { splitArn } from './arn-fields.js';
import { compileGlob, type GlobMatcher, globShape, hasWildcard, matchEscapedGlob, matchesAt } from './glob.js';
import { intern } from './intern.js';
import type { RequestContext } from './types.js';
import { type MissingSink, parseTemplate, resolveTemplate, staticText, type Template } from './variables.js';

/** Tests the request resource against a compiled list. */
export type ResourceMatcher = (view: ArnView, context: RequestContext, missing: MissingSink) => boolean;

/** The resource field, matched from `from` to the end of the text. */
type FieldMatcher = (text: string, from: number, context: RequestContext, missing: MissingSink) => boolean;

const always: ResourceMatcher = () => true;

/** The resource field as a fixed pattern (escaped form), or `undefined` when it holds variables to resolve. */
function fixedField(field: string, variables: boolean): { pattern: string; escaped: boolean } | Template {
  if (!variables || !field.includes('${')) return { pattern: field, escaped: false };
  const template = parseTemplate(field, 'glob');
  return template.dynamic ? template : { pattern: staticText(template), escaped: true };
}

function compileField(field: { pattern: string; escaped: boolean } | Template): FieldMatcher {
  if ('parts' in field) {
    return (text, from, context, missing) => {
      const resolved = resolveTemplate(field, context, 'glob', missing);
      return resolved !== undefined && matchEscapedGlob(resolved, text, from, text.length);
    };
  }
  const glob: GlobMatcher = compileGlob(field.pattern, field.escaped);
  return (text, from) => glob(text, from, text.length);
}

/** The test of the first five fields of an ARN pattern, as `matchesHead` takes it. */
function compileHead(head: string, fields: readonly [string, string, string, string]): (view: ArnView) => boolean {
  const [partitionP, service, regionP, accountP] = fields;
  if (!hasWildcard(head)) return (view) => matchesAt(view.resource, 0, head);
  const partition = compileGlob(partitionP);
  const region = compileGlob(regionP);
  const account = compileGlob(accountP);
  return (view) => {
    if (!view.isArn()) return false;
    const r = view.resource;
    return (
      view.c3 - view.c2 - 1 === service.length &&
      matchesAt(r, view.c2 + 1, service) &&
      partition(r, 4, view.c2) &&
      region(r, view.c3 + 1, view.c4) &&
      account(r, view.c4 + 1, view.c5)
    );
  };
}

/** Fuses a literal head with the common field shapes into one closure; `undefined` for other shapes. */
function fuseLiteralHead(head: string, test: (view: ArnView) => boolean, pattern: string, escaped: boolean) {
  const shape = globShape(pattern, escaped);
  const n = head.length;
  switch (shape.kind) {
    case 'any':
      return (view: ArnView) => view.resource.length >= n && view.matchesHead(head, test);
    case 'literal': {
      const { text } = shape;
      const total = n + text.length;
      return (view: ArnView) =>
        view.resource.length === total && view.matchesHead(head, test) && matchesAt(view.resource, n, text);
    }
    case 'prefix': {
      const { text } = shape;
      const total = n + text.length;
      return (view: ArnView) =>
        view.resource.length >= total && view.matchesHead(head, test) && matchesAt(view.resource, n, text);
    }
    default:
      return undefined;
  }
}

function compileEntry(pattern: string, variables: boolean): ResourceMatcher {
  if (pattern === '*') return always;
  const parts = splitArn(pattern);
  if (parts === undefined) {
    const whole = compileGlob(pattern);
    return (view) => whole(view.resource, 0, view.resource.length);
  }
  const [, partitionP, service, regionP, accountP, resourceP] = parts;
  const head = intern(`arn:${partitionP}:${service}:${regionP}:${accountP}:`);
  const test = compileHead(head, [partitionP, service, regionP, accountP]);
  const fieldSpec = fixedField(resourceP, variables);
  const literalHead = !hasWildcard(head);
  if (literalHead && !('parts' in fieldSpec)) {
    const fused = fuseLiteralHead(head, test, fieldSpec.pattern, fieldSpec.escaped);
    if (fused !== undefined) return fused;
  }
  const field = compileField(fieldSpec);
  if (literalHead) {
    const n = head.length;
    return (view, context, missing) => view.matchesHead(head, test) && field(view.resource, n, context, missing);
  }
  return (view, context, missing) =>
    view.matchesHead(head, test) && field(view.resource, view.c5 + 1, context, missing);
}

/**
 * Compiles a resource list; the result is true when any entry matches.
 * @example
 * const m = compileResources(['arn:aws:s3:::bucket/${aws:username}/*'], true);
 * m(new ArnView('arn:aws:s3:::bucket/alice/a.txt'), createContext({ 'aws:username': 'alice' }), sink); // true
 */
export function compileResources(resources: readonly string[], variables: boolean): ResourceMatcher {
  const entries = resources.map((r) => compileEntry(r, variables));
  if (entries.length === 1) return entries[0] as ResourceMatcher;
  if (entries.includes(always)) return always;
  return (view, context, missing) => {
    for (let i = 0; i < entries.length; i++) if ((entries[i] as ResourceMatcher)(view, context, missing)) return true;
    return false;
  };
}

/**
 * @module policy/resource-matcher
 * Compiles `Resource`/`NotResource` lists (IAM-SEMANTICS.md §4.11). Matching is case-sensitive and field by
 * field over the six ARN fields: the service must be equal, the other fields are IAM globs, and `*` in the
 * resource field spans `/` and `:`. Only the bare `*` matches everything, including the `*` of actions without a
 * resource type. Policy variables are substituted in the resource field only, and only for 2012-10-17 documents;
 * an entry whose variable cannot be resolved matches nothing (tricky case 12).
 */

import { type ArnFields, splitArn } from './arn-fields.js';
import { compileGlob, type GlobMatcher, matchEscapedGlob } from './glob.js';
import type { RequestContext } from './types.js';
import { type MissingSink, parseTemplate, resolveTemplate, staticText, type Template } from './variables.js';

/** The request resource, split once per evaluation. */
export interface ResourceView {
  readonly resource: string;
  readonly fields: ArnFields | undefined;
}

/** Tests the request resource against a compiled list. */
export type ResourceMatcher = (view: ResourceView, context: RequestContext, missing: MissingSink) => boolean;

type EntryMatcher = ResourceMatcher;

/** The resource field: a fixed glob, or a template resolved per request. */
type FieldMatcher = { readonly glob: GlobMatcher } | { readonly template: Template };

function compileResourceField(field: string, variables: boolean): FieldMatcher {
  if (!variables || !field.includes('${')) return { glob: compileGlob(field) };
  const template = parseTemplate(field, 'glob');
  return template.dynamic ? { template } : { glob: compileGlob(staticText(template), true) };
}

function compileEntry(pattern: string, variables: boolean): EntryMatcher {
  if (pattern === '*') return () => true;
  const parts = splitArn(pattern);
  if (parts === undefined) {
    const whole = compileGlob(pattern);
    return (view) => whole(view.resource);
  }
  const [, partitionP, service, regionP, accountP, resourceP] = parts;
  const partition = compileGlob(partitionP);
  const region = compileGlob(regionP);
  const account = compileGlob(accountP);
  const field = compileResourceField(resourceP, variables);
  return (view, context, missing) => {
    const f = view.fields;
    if (f === undefined || f[2] !== service || !partition(f[1]) || !region(f[3]) || !account(f[4])) return false;
    if ('glob' in field) return field.glob(f[5]);
    const resolved = resolveTemplate(field.template, context, 'glob', missing);
    return resolved !== undefined && matchEscapedGlob(resolved, f[5]);
  };
}

/**
 * Compiles a resource list; the result is true when any entry matches.
 * @example
 * const m = compileResources(['arn:aws:s3:::bucket/${aws:username}/*'], true);
 */
export function compileResources(resources: readonly string[], variables: boolean): ResourceMatcher {
  const entries = resources.map((r) => compileEntry(r, variables));
  if (entries.length === 1) return entries[0] as EntryMatcher;
  return (view, context, missing) => {
    for (const entry of entries) if (entry(view, context, missing)) return true;
    return false;
  };
}

/**
 * @module policy/action-matcher
 * Compiles `Action`/`NotAction` lists (IAM-SEMANTICS.md §4.11). Actions are case-insensitive on both sides, so
 * patterns are lower-cased here and the evaluator lower-cases the request action once per decision. The service
 * prefix is literal: only the bare `*` matches every action, so `s3:*` never matches `iam:…` and a pattern such
 * as `*:Get*` matches nothing (§4.11, verify). Because the prefix is literal, a pattern can be matched against
 * the whole `service:name` text: the glob cannot cross the colon into another service.
 */

import { compileGlob, type GlobMatcher, hasWildcard } from './glob.js';

/** Tests a lower-cased request action `service:name`. */
export type ActionMatcher = (action: string) => boolean;

/** What an action list names, for indexing statements by action at compile time. */
export interface ActionShape {
  /** True for lists holding the bare `*`. */
  readonly all: boolean;
  /** Lower-cased `service:name` entries without wildcards. */
  readonly exact: readonly string[];
  /** Lower-cased services named by entries with wildcards in the action name. */
  readonly globServices: ReadonlySet<string>;
}

/** Splits an entry into its lower-cased service and name; `undefined` when malformed (never matches). */
function entryParts(action: string): readonly [string, string] | undefined {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon <= 0 || lower.indexOf(':', colon + 1) >= 0) return undefined;
  const service = lower.slice(0, colon);
  if (hasWildcard(service)) return undefined;
  return [service, lower.slice(colon + 1)];
}

/**
 * Describes an action list: the exact actions and the services of the wildcard entries it names.
 * @example
 * describeActions(['s3:GetObject', 'S3:List*']); // { all: false, exact: ['s3:getobject'], globServices: {'s3'} }
 */
export function describeActions(actions: readonly string[]): ActionShape {
  const exact: string[] = [];
  const globServices = new Set<string>();
  for (const action of actions) {
    if (action === '*') return { all: true, exact: [], globServices: new Set() };
    const parts = entryParts(action);
    if (parts === undefined) continue;
    if (hasWildcard(parts[1])) globServices.add(parts[0]);
    else exact.push(`${parts[0]}:${parts[1]}`);
  }
  return { all: false, exact, globServices };
}

const always: ActionMatcher = () => true;

/**
 * Compiles an action list. Entries without exactly one colon, or with a wildcard in the service prefix, never
 * match (validation rejects them first).
 * @example
 * compileActions(['s3:Get*', 'iam:ListUsers'])('s3:getobject'); // true
 */
export function compileActions(actions: readonly string[]): ActionMatcher {
  const exact = new Set<string>();
  const globs: GlobMatcher[] = [];
  for (const action of actions) {
    if (action === '*') return always;
    const parts = entryParts(action);
    if (parts === undefined) continue;
    const full = `${parts[0]}:${parts[1]}`;
    if (hasWildcard(parts[1])) globs.push(compileGlob(full));
    else exact.add(full);
  }
  if (globs.length === 0) return (action) => exact.has(action);
  return (action) => {
    if (exact.has(action)) return true;
    for (let i = 0; i < globs.length; i++) if ((globs[i] as GlobMatcher)(action, 0, action.length)) return true;
    return false;
  };
}

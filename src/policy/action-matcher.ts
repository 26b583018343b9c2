/**
 * @module policy/action-matcher
 * Compiles `Action`/`NotAction` lists (IAM-SEMANTICS.md §4.11). Actions are case-insensitive on both sides, so
 * patterns are lower-cased here and the evaluator lower-cases the request action once per decision. The service
 * prefix is literal: only the bare `*` matches every action, so `s3:*` never matches `iam:…` and a pattern such
 * as `*:Get*` matches nothing (§4.11, verify). Because the prefix is literal, a pattern can be matched against
 * the whole `service:name` text: the glob cannot cross the colon into another service.
 */

import { compileGlob, type GlobMatcher, hasWildcard } from './glob.js';
import { intern } from './intern.js';

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

/** An entry's lower-cased service, whole text, and whether its name has wildcards. */
interface Entry {
  readonly service: string;
  readonly full: string;
  readonly glob: boolean;
}

/** Reads an entry (strings interned: policies repeat them endlessly); `undefined` when malformed (never matches). */
function entryOf(action: string): Entry | undefined {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon <= 0 || lower.indexOf(':', colon + 1) >= 0) return undefined;
  const service = lower.slice(0, colon);
  if (hasWildcard(service)) return undefined;
  return { service: intern(service), full: intern(lower), glob: hasWildcard(lower.slice(colon + 1)) };
}

const NO_SERVICES: ReadonlySet<string> = new Set();

/**
 * Describes an action list: the exact actions and the services of the wildcard entries it names.
 * @example
 * describeActions(['s3:GetObject', 'S3:List*']); // { all: false, exact: ['s3:getobject'], globServices: {'s3'} }
 */
export function describeActions(actions: readonly string[]): ActionShape {
  const exact: string[] = [];
  const globServices = new Set<string>();
  for (const action of actions) {
    if (action === '*') return { all: true, exact: [], globServices: NO_SERVICES };
    const entry = entryOf(action);
    if (entry === undefined) continue;
    if (entry.glob) globServices.add(entry.service);
    else exact.push(entry.full);
  }
  return { all: false, exact, globServices: globServices.size === 0 ? NO_SERVICES : globServices };
}

const always: ActionMatcher = () => true;

/**
 * Compiles an action list. Entries without exactly one colon, or with a wildcard in the service prefix, never
 * match (validation rejects them first).
 * @example
 * compileActions(['s3:Get*', 'iam:ListUsers'])('s3:getobject'); // true
 */
export function compileActions(actions: readonly string[]): ActionMatcher {
  const exact: string[] = [];
  const globs: GlobMatcher[] = [];
  for (const action of actions) {
    if (action === '*') return always;
    const entry = entryOf(action);
    if (entry === undefined) continue;
    if (entry.glob) globs.push(compileGlob(entry.full));
    else if (!exact.includes(entry.full)) exact.push(entry.full);
  }
  // Statements name a handful of actions: a short list costs less memory than a Set and is as fast.
  const named: ReadonlySet<string> | readonly string[] = exact.length > 8 ? new Set(exact) : exact;
  const has = 'has' in named ? (a: string) => named.has(a) : (a: string) => named.includes(a);
  if (globs.length === 0) return exact.length === 1 ? (action) => action === exact[0] : has;
  return (action) => {
    if (has(action)) return true;
    for (let i = 0; i < globs.length; i++) if ((globs[i] as GlobMatcher)(action, 0, action.length)) return true;
    return false;
  };
}

/**
 * @module policy/action-matcher
 * Compiles `Action`/`NotAction` lists (IAM-SEMANTICS.md §4.11). Actions are case-insensitive on both sides.
 * The service prefix is literal: only the bare `*` matches every action, so `s3:*` never matches `iam:…` and
 * a pattern such as `*:Get*` matches nothing (§4.11, verify). Patterns are grouped by service in a `Map` so a
 * request only scans the entries of its own service.
 */

import { compileGlob, type GlobMatcher } from './glob.js';

/** Tests a lower-cased request action, given as its service prefix and action name. */
export type ActionMatcher = (service: string, name: string) => boolean;

interface ServiceEntry {
  readonly exact: Set<string>;
  readonly globs: GlobMatcher[];
}

/**
 * Compiles an action list. Entries without exactly one colon never match (validation rejects them first).
 * @example
 * compileActions(['s3:Get*', 'iam:ListUsers'])('s3', 'getobject'); // true
 */
export function compileActions(actions: readonly string[]): ActionMatcher {
  const byService = new Map<string, ServiceEntry>();
  for (const action of actions) {
    if (action === '*') return () => true;
    const lower = action.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon <= 0 || lower.indexOf(':', colon + 1) >= 0) continue;
    const service = lower.slice(0, colon);
    const name = lower.slice(colon + 1);
    let entry = byService.get(service);
    if (entry === undefined) {
      entry = { exact: new Set(), globs: [] };
      byService.set(service, entry);
    }
    if (/[*?]/.test(name)) entry.globs.push(compileGlob(name));
    else entry.exact.add(name);
  }
  return (service, name) => {
    const entry = byService.get(service);
    if (entry === undefined) return false;
    if (entry.exact.has(name)) return true;
    for (const glob of entry.globs) if (glob(name)) return true;
    return false;
  };
}

/**
 * The lower-cased service prefixes an action list names, or `undefined` when it contains the bare `*`, so a
 * policy can index its statements by service.
 * @example
 * actionServices(['s3:Get*', 'S3:List*', 'iam:PassRole']); // Set { 's3', 'iam' }
 */
export function actionServices(actions: readonly string[]): ReadonlySet<string> | undefined {
  const services = new Set<string>();
  for (const action of actions) {
    if (action === '*') return undefined;
    const colon = action.indexOf(':');
    if (colon > 0) services.add(action.slice(0, colon).toLowerCase());
  }
  return services;
}

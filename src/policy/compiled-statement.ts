/**
 * @module policy/compiled-statement
 * The compiled form of a statement that `CompiledPolicy.statements` holds (typed `unknown[]` in the public types
 * so callers cannot depend on it), and the per-policy action index. Everything that can be decided once per
 * policy is decided here, so that a decision visits only the statements whose Action can match its action:
 *
 * - `byAction`: for every action some statement names exactly (`s3:getobject`), the statements whose action
 *   element matches it, already decided (exact entries, wildcard entries of the same service, `*`, NotAction);
 * - `byService`: for other actions of a service named with wildcards (`s3:Get*`), the statements that still
 *   need their action tested (wildcard entries of that service, `*`, NotAction);
 * - `other`: for services nobody names, the `*` and NotAction statements.
 *
 * Long lists are further split by resource key (see `resource-key.ts`), so 100 statements about 100 buckets
 * cost a decision about one bucket a handful of visits.
 */

import type { ActionMatcher, ActionShape } from './action-matcher.js';
import type { CompiledCondition } from './conditions/index.js';
import type { CompiledPrincipal } from './principal-matcher.js';
import type { ResourceMatcher } from './resource-matcher.js';
import type { CompiledPolicy, MatchedStatement, MatchStrength } from './types.js';

/** One statement, ready for evaluation. */
export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: ActionMatcher;
  readonly notAction: boolean;
  /** What the Action (or NotAction) list names, for the index. */
  readonly shape: ActionShape;
  /** Absent in trust policies, which have no Resource element: the statement covers the role itself. */
  readonly resources: ResourceMatcher | undefined;
  readonly notResource: boolean;
  /** Absent for identity-side policies and SCPs, whose principal is implicit. */
  readonly principal: CompiledPrincipal | undefined;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** What a decision reports when the statement applies, built once (no allocation per decision). */
  readonly report: MatchedStatement;
  /** Resource-policy statements: the report for each way the Principal can match. */
  readonly reports: Readonly<Record<MatchStrength, MatchedStatement>> | undefined;
  /** The resource keys the statement can match; `undefined` when it can match any. */
  readonly keys: readonly string[] | undefined;
}

/** Some statements of a candidate list, with their positions in it (ascending). */
export interface Segment {
  readonly statements: readonly CompiledStatement[];
  readonly order: Int32Array;
}

/** Statements that may apply to a request, in evaluation order; long lists are also split by resource key. */
export interface CandidateList {
  readonly statements: readonly CompiledStatement[];
  readonly byKey: ReadonlyMap<string, Segment> | undefined;
  /** With `byKey`: the statements whose resources have no key, visited for every resource. */
  readonly unkeyed: Segment;
}

/** The action index of a policy (see the module comment). */
export interface StatementIndex {
  readonly byAction: ReadonlyMap<string, CandidateList>;
  readonly byService: ReadonlyMap<string, CandidateList>;
  readonly other: CandidateList;
}

/** Lists shorter than this are scanned whole: splitting them would not pay for the lookup. */
const SPLIT_AT = 2;
const NO_SEGMENT: Segment = Object.freeze({ statements: Object.freeze([]), order: new Int32Array(0) });

function segment(statements: CompiledStatement[], order: number[]): Segment {
  return Object.freeze({ statements: Object.freeze(statements), order: Int32Array.from(order) });
}

/** Builds a candidate list, splitting it by resource key when it is long and the keys tell statements apart. */
function candidates(statements: CompiledStatement[]): CandidateList {
  const all = Object.freeze(statements);
  if (statements.length < SPLIT_AT) return { statements: all, byKey: undefined, unkeyed: NO_SEGMENT };
  const groups = new Map<string, { statements: CompiledStatement[]; order: number[] }>();
  const rest = { statements: [] as CompiledStatement[], order: [] as number[] };
  statements.forEach((st, i) => {
    if (st.keys === undefined) {
      rest.statements.push(st);
      rest.order.push(i);
      return;
    }
    for (const key of st.keys) {
      const group = groups.get(key) ?? { statements: [], order: [] };
      group.statements.push(st);
      group.order.push(i);
      groups.set(key, group);
    }
  });
  if (groups.size < 2) return { statements: all, byKey: undefined, unkeyed: NO_SEGMENT };
  const byKey = new Map<string, Segment>();
  for (const [key, group] of groups) byKey.set(key, segment(group.statements, group.order));
  return { statements: all, byKey, unkeyed: segment(rest.statements, rest.order) };
}

/** Statements that can match any service: `*`, and NotAction (which names what it excludes). */
function anyService(st: CompiledStatement): boolean {
  return st.notAction || st.shape.all;
}

/**
 * Builds the {@link StatementIndex} of statements given in evaluation order.
 * @example
 * indexStatements(statements).byAction.get('s3:getobject')?.statements; // those that can grant or deny s3:GetObject
 */
export function indexStatements(statements: readonly CompiledStatement[]): StatementIndex {
  const exact = new Set<string>();
  const services = new Set<string>();
  for (const st of statements) {
    if (anyService(st)) continue;
    for (const action of st.shape.exact) exact.add(action);
    for (const service of st.shape.globServices) services.add(service);
  }
  // Lists with the same members are built once: a statement naming several actions yields the same list for each.
  const built = new Map<string, CandidateList>();
  const position = new Map(statements.map((st, i) => [st, i]));
  const list = (members: CompiledStatement[]): CandidateList => {
    const key = members.map((st) => position.get(st)).join(',');
    const known = built.get(key);
    if (known !== undefined) return known;
    const made = candidates(members);
    built.set(key, made);
    return made;
  };
  const byAction = new Map<string, CandidateList>();
  for (const action of exact)
    byAction.set(action, list(statements.filter((st) => st.actions(action) !== st.notAction)));
  const other = list(statements.filter(anyService));
  // A service whose statements all name exact actions needs no entry: its other actions meet only `other`.
  const byService = new Map<string, CandidateList>();
  for (const service of services) {
    const members = statements.filter((st) => anyService(st) || st.shape.globServices.has(service));
    if (members.length > other.statements.length) byService.set(service, list(members));
  }
  return { byAction, byService, other };
}

/** The index of a compiled policy; the cast is where the opaque public field meets its shape. */
export function indexOf(policy: CompiledPolicy): StatementIndex | undefined {
  return policy.index as StatementIndex | undefined;
}

/** The compiled statements of a policy (opaque in the public type). */
export function statementsOf(policy: CompiledPolicy): readonly CompiledStatement[] {
  return policy.statements as readonly CompiledStatement[];
}

/**
 * Invariants of the decision procedure (issue 3): a matching Deny always wins; adding an Allow never turns Allow
 * into a deny; adding a Deny never turns a deny into Allow; the decision does not depend on the order of
 * statements or policies; the compile-time indexes (by action, by resource key, merged policies) decide exactly
 * like a plain scan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergePolicies } from '../compile-policy.js';
import { evaluate } from '../evaluate.js';
import type { AuthzRequest, CompiledPolicy, Decision, PolicySet } from '../types.js';
import {
  compileSet,
  compileStatements,
  requestArb,
  type SetShape,
  type Statement,
  setShapeArb,
  statementArb,
} from '../../../test/support/policy-fixtures.js';

const RUNS = { numRuns: 400 };
const sids = (d: Decision) => d.matched.map((m) => `${m.layer}/${m.sid}`).sort();

/** A Deny (or Allow) statement that applies to `request` whatever the context. */
const hitting = (request: AuthzRequest, effect: 'Allow' | 'Deny', principal: boolean): Statement => ({
  Sid: `Added${effect}`,
  Effect: effect,
  Action: request.action,
  Resource: request.resource,
  ...(principal ? { Principal: '*' } : {}),
});

/** Inserts `statement` into one policy of the shape, chosen by `where` (identity when there is none). */
function insert(shape: SetShape, statement: Statement, where: number, at: number): SetShape {
  const layers = (['identity', 'boundary', 'session', 'resource'] as const).filter((l) =>
    l === 'identity' ? shape.identity.length > 0 : shape[l] !== undefined,
  );
  const layer = layers[where % Math.max(1, layers.length)] ?? 'identity';
  const put = (list: Statement[], s: Statement) => {
    const copy = [...list];
    copy.splice(at % (copy.length + 1), 0, s);
    return copy;
  };
  if (layer === 'identity') {
    const identity = shape.identity.length === 0 ? [[]] : shape.identity.map((p) => [...p]);
    const i = at % identity.length;
    identity[i] = put(identity[i] as Statement[], statement);
    return { ...shape, identity };
  }
  const withPrincipal = layer === 'resource' ? { Principal: '*', ...statement } : statement;
  return { ...shape, [layer]: put(shape[layer] as Statement[], withPrincipal) };
}

describe('evaluation invariants', () => {
  it('a matching Deny in any layer always wins', () => {
    fc.assert(
      fc.property(setShapeArb, requestArb, fc.nat(), fc.nat(), (shape, request, where, at) => {
        const denied = insert(shape, hitting(request, 'Deny', false), where, at);
        const decision = evaluate(request, compileSet(denied));
        expect(decision.outcome).toBe('ExplicitDeny');
        expect(decision.matched.some((m) => m.sid === 'AddedDeny')).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding an Allow statement never turns Allow into a deny', () => {
    fc.assert(
      fc.property(setShapeArb, requestArb, statementArb(false), fc.nat(), fc.nat(), (shape, request, extra, w, at) => {
        const before = evaluate(request, compileSet(shape));
        fc.pre(before.outcome === 'Allow');
        const allow = { ...extra, Effect: 'Allow', Sid: 'AddedAllow' };
        const after = evaluate(request, compileSet(insert(shape, allow, w, at)));
        expect(after.outcome).toBe('Allow');
      }),
      RUNS,
    );
  });

  it('adding a Deny statement never turns a deny into Allow', () => {
    fc.assert(
      fc.property(setShapeArb, requestArb, statementArb(false), fc.nat(), fc.nat(), (shape, request, extra, w, at) => {
        const before = evaluate(request, compileSet(shape));
        fc.pre(before.outcome !== 'Allow');
        const deny = { ...extra, Effect: 'Deny', Sid: 'AddedDeny' };
        const after = evaluate(request, compileSet(insert(shape, deny, w, at)));
        expect(after.outcome).not.toBe('Allow');
      }),
      RUNS,
    );
  });

  it('does not depend on the order of statements or of policies', () => {
    fc.assert(
      fc.property(setShapeArb, requestArb, fc.infiniteStream(fc.nat()), (shape, request, seeds) => {
        const random = seeds[Symbol.iterator]();
        const shuffle = <T>(list: readonly T[]): T[] => {
          const copy = [...list];
          for (let i = copy.length - 1; i > 0; i--) {
            const j = (random.next().value as number) % (i + 1);
            [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
          }
          return copy;
        };
        const order = shuffle(shape.identity.map((_, i) => i));
        const shuffled: SetShape = {
          identity: order.map((i) => shuffle(shape.identity[i] as Statement[])),
          boundary: shape.boundary && shuffle(shape.boundary),
          session: shape.session && shuffle(shape.session),
          resource: shape.resource && shuffle(shape.resource),
        };
        const names = order.map((i) => `identity-${i}`);
        const a = evaluate(request, compileSet(shape));
        const b = evaluate(request, compileSet(shuffled, names));
        expect(b.outcome).toBe(a.outcome);
        expect(b.reason).toEqual(a.reason);
        expect(sids(b)).toEqual(sids(a));
        expect([...b.missingKeys].sort()).toEqual([...a.missingKeys].sort());
      }),
      RUNS,
    );
  });

  it('decides exactly like a plain scan with the action index, the resource-key split and merged policies', () => {
    const unindexed = (p: CompiledPolicy): CompiledPolicy => ({
      source: p.source,
      layer: p.layer,
      statements: p.statements,
    });
    fc.assert(
      fc.property(setShapeArb, requestArb, (shape, request) => {
        const set = compileSet(shape);
        const plain: PolicySet = {
          identity: set.identity?.map(unindexed),
          boundary: set.boundary && unindexed(set.boundary),
          session: set.session?.map(unindexed),
          resource: set.resource && unindexed(set.resource),
        };
        const expected = evaluate(request, plain);
        expect(evaluate(request, set)).toEqual(expected);
        const identity = set.identity ?? [];
        if (identity.length > 0) {
          expect(evaluate(request, { ...set, identity: [mergePolicies(identity, 'merged')] })).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  it('decides long policies (split by resource key) exactly like a plain scan', () => {
    fc.assert(
      fc.property(fc.array(statementArb(false), { minLength: 8, maxLength: 30 }), requestArb, (statements, request) => {
        const labelled = statements.map((st, i) => ({ Sid: `L${i}`, ...st }));
        const policy = compileStatements(labelled, 'identity', 'long');
        const plain: CompiledPolicy = { source: 'long', layer: 'identity', statements: policy.statements };
        expect(evaluate(request, { identity: [policy] })).toEqual(evaluate(request, { identity: [plain] }));
      }),
      RUNS,
    );
  });
});

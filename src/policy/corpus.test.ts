/**
 * Runs every decision case of test/vectors/policy/*.json (STYLE.md §8: corpus tests that assert reasons).
 * Each file is `{ description, cases: [{ name, policies, request, expected: { outcome, reason?, matched } }] }`;
 * `matched` lists the Sids of every applicable statement, in any order. Documents go through parsePolicy first,
 * so a corpus document that AWS would reject fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.js';
import { createContext } from './context.js';
import { evaluate } from './evaluate.js';
import { parsePolicy } from './grammar/index.js';
import type {
  CompiledPolicy,
  ContextValue,
  DenyReason,
  Outcome,
  PolicyKind,
  PolicyLayer,
  PolicySet,
  PrincipalInfo,
} from './types.js';

interface CorpusPolicy {
  readonly source?: string;
  readonly kind?: PolicyKind;
  readonly document: unknown;
}
interface CorpusCase {
  readonly name: string;
  readonly policies: {
    readonly identity?: CorpusPolicy[];
    readonly boundary?: CorpusPolicy;
    readonly session?: CorpusPolicy[];
    readonly resource?: CorpusPolicy;
    readonly scp?: CorpusPolicy[][];
    readonly rcp?: CorpusPolicy[][];
    readonly resourcePolicyRequired?: boolean;
    readonly federatedUserSession?: boolean;
    readonly rootUser?: boolean;
  };
  readonly request: {
    readonly principal: PrincipalInfo;
    readonly action: string;
    readonly resource: string;
    readonly resourceAccount?: string;
    readonly context: Record<string, ContextValue>;
  };
  readonly expected: { readonly outcome: Outcome; readonly reason?: DenyReason; readonly matched: string[] };
}
interface CorpusFile {
  readonly description: string;
  readonly cases: CorpusCase[];
}

const DEFAULT_KIND: Readonly<Record<PolicyLayer, PolicyKind>> = {
  identity: 'identity',
  boundary: 'boundary',
  session: 'session',
  resource: 'resource',
  scp: 'scp',
  rcp: 'rcp',
};

function compile(p: CorpusPolicy, layer: PolicyLayer): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify(p.document), p.kind ?? DEFAULT_KIND[layer]);
  if (!parsed.ok) throw new Error(`corpus policy ${p.source ?? layer} is invalid: ${parsed.error}`);
  return compilePolicy(parsed.policy, p.source ?? layer, layer);
}

function policySet(c: CorpusCase['policies']): PolicySet {
  return {
    identity: c.identity?.map((p) => compile(p, 'identity')),
    boundary: c.boundary && compile(c.boundary, 'boundary'),
    session: c.session?.map((p) => compile(p, 'session')),
    resource: c.resource && compile(c.resource, 'resource'),
    scp: c.scp?.map((level) => level.map((p) => compile(p, 'scp'))),
    rcp: c.rcp?.map((level) => level.map((p) => compile(p, 'rcp'))),
    resourcePolicyRequired: c.resourcePolicyRequired,
    federatedUserSession: c.federatedUserSession,
    rootUser: c.rootUser,
  };
}

const dir = new URL('../../test/vectors/policy/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('policy corpus', () => {
  it('has at least 40 cases', () => {
    const total = files.reduce(
      (n, f) => n + (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as CorpusFile).cases.length,
      0,
    );
    expect(total).toBeGreaterThanOrEqual(40);
  });

  for (const file of files) {
    const corpus = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as CorpusFile;
    describe(`${file}: ${corpus.description}`, () => {
      it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const decision = evaluate({ ...c.request, context: createContext(c.request.context) }, policySet(c.policies));
        expect(decision.outcome).toBe(c.expected.outcome);
        if (c.expected.reason !== undefined) expect(decision.reason).toEqual(c.expected.reason);
        if (c.expected.outcome === 'Allow') expect(decision.reason).toBeUndefined();
        const sids = decision.matched.map((m) => m.sid ?? `#${m.index}`).sort();
        expect(sids).toEqual([...c.expected.matched].sort());
      });
    });
  }
});

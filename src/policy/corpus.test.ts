/**
 * Runs every case of test/vectors/policy/*.json (STYLE.md §8: corpus tests that assert reasons); the format is
 * described in test/vectors/policy/README.md. Decision cases assert the outcome, the deciding layer and the Sids
 * of every applicable statement (and, when given, the missing keys); parse cases assert AWS's message. Documents
 * of decision cases go through parsePolicy first, so a corpus document that AWS would reject fails the test.
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
  /** A whole document, or `statements` for a `2012-10-17` document holding them. */
  readonly document?: unknown;
  readonly statements?: unknown[];
}
interface CorpusRequest {
  /** A `PrincipalInfo`, or the name of one in the file's `principals`. */
  readonly principal?: PrincipalInfo | string;
  readonly action?: string;
  readonly resource?: string;
  /** `null` overrides the file's default: the request has no resource account. */
  readonly resourceAccount?: string | null;
  readonly context?: Record<string, ContextValue>;
}
interface DecisionCase {
  readonly name: string;
  readonly tricky?: number[];
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
  readonly request: CorpusRequest;
  readonly expected: {
    readonly outcome: Outcome;
    readonly reason?: DenyReason;
    readonly matched: string[];
    readonly missingKeys?: string[];
  };
}
interface ParseCase {
  readonly name: string;
  readonly tricky?: number[];
  readonly parse: { readonly kind: PolicyKind; readonly document?: unknown; readonly text?: string };
  readonly expected: { readonly error?: string; readonly code?: string; readonly warnings?: string[] };
}
type CorpusCase = DecisionCase | ParseCase;
interface CorpusFile {
  readonly description: string;
  readonly principals?: Record<string, PrincipalInfo>;
  readonly defaults?: { readonly request?: CorpusRequest };
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

function documentOf(p: CorpusPolicy): unknown {
  return p.document ?? { Version: '2012-10-17', Statement: p.statements ?? [] };
}

function compile(p: CorpusPolicy, layer: PolicyLayer): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify(documentOf(p)), p.kind ?? DEFAULT_KIND[layer]);
  if (!parsed.ok) throw new Error(`corpus policy ${p.source ?? layer} is invalid: ${parsed.error}`);
  return compilePolicy(parsed.policy, p.source ?? layer, layer);
}

function policySet(c: DecisionCase['policies']): PolicySet {
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

function requestOf(file: CorpusFile, c: DecisionCase) {
  const r = { ...file.defaults?.request, ...c.request };
  const principal = typeof r.principal === 'string' ? file.principals?.[r.principal] : r.principal;
  if (principal === undefined || r.action === undefined || r.resource === undefined) {
    throw new Error(`case "${c.name}" needs a principal, an action and a resource`);
  }
  return {
    principal,
    action: r.action,
    resource: r.resource,
    resourceAccount: r.resourceAccount ?? undefined,
    context: createContext(r.context ?? {}),
  };
}

function runDecision(file: CorpusFile, c: DecisionCase): void {
  const decision = evaluate(requestOf(file, c), policySet(c.policies));
  expect(decision.outcome).toBe(c.expected.outcome);
  if (c.expected.reason !== undefined) expect(decision.reason).toEqual(c.expected.reason);
  if (c.expected.outcome === 'Allow') expect(decision.reason).toBeUndefined();
  const sids = decision.matched.map((m) => m.sid ?? `#${m.index}`).sort();
  expect(sids).toEqual([...c.expected.matched].sort());
  if (c.expected.missingKeys !== undefined) {
    expect([...decision.missingKeys].sort()).toEqual(c.expected.missingKeys.map((k) => k.toLowerCase()).sort());
  }
}

function runParse(c: ParseCase): void {
  const text = c.parse.text ?? JSON.stringify(c.parse.document);
  const r = parsePolicy(text, c.parse.kind);
  if (c.expected.error === undefined) {
    expect(r.ok ? 'OK' : r.error).toBe('OK');
    if (r.ok && c.expected.warnings !== undefined) expect(r.warnings).toEqual(c.expected.warnings);
    return;
  }
  expect(r.ok ? 'OK' : r.error).toBe(c.expected.error);
  if (!r.ok && c.expected.code !== undefined) expect(r.code).toBe(c.expected.code);
}

const dir = new URL('../../test/vectors/policy/', import.meta.url);
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as CorpusFile] as const);
const allCases = corpus.flatMap(([, file]) => file.cases);

describe('policy corpus', () => {
  it('has at least 300 cases, with unique names per file', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(300);
    for (const [name, file] of corpus) {
      const names = file.cases.map((c) => c.name);
      expect(new Set(names).size, name).toBe(names.length);
    }
  });

  it('covers every tricky case 1–30 of IAM-SEMANTICS.md §5', () => {
    const covered = new Set(allCases.flatMap((c) => c.tricky ?? []));
    expect([...Array(30).keys()].map((i) => i + 1).filter((n) => !covered.has(n))).toEqual([]);
  });

  for (const [name, file] of corpus) {
    describe(`${name}: ${file.description}`, () => {
      it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        if ('parse' in c) runParse(c);
        else runDecision(file, c);
      });
    });
  }
});

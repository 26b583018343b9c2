/**
 * @module cli/policy/input
 * The input of `iamd policy simulate|explain --json`: the engine's own request and policy-set shapes
 * (docs/policy-engine.md), with policy documents given inline as JSON objects or strings, or as
 * `{ "source": "name", "document": … }`.
 */

import {
  type AuthzRequest,
  type CompiledPolicy,
  compilePolicy,
  type ContextValue,
  createContext,
  type PolicyKind,
  type PolicyLayer,
  type PolicySet,
  type PrincipalInfo,
  parsePolicy,
} from '../../policy/index.js';

/** A policy as the input file gives it. */
type PolicyInput = string | Record<string, unknown> | { source: string; document: string | Record<string, unknown> };

/** The whole input document. */
export interface SimulationInput {
  readonly request: {
    readonly principal: PrincipalInfo;
    readonly action: string;
    readonly resource: string;
    readonly resourceAccount?: string;
    readonly context?: Record<string, ContextValue>;
  };
  readonly policies: {
    readonly identity?: PolicyInput[];
    readonly boundary?: PolicyInput;
    readonly session?: PolicyInput[];
    readonly resource?: PolicyInput;
    readonly resourceKind?: 'resource' | 'trust';
    readonly rootUser?: boolean;
  };
}

/** An input problem, reported with the policy it concerns. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function compileInput(
  input: PolicyInput,
  kind: PolicyKind,
  layer: PolicyLayer,
  fallbackSource: string,
): CompiledPolicy {
  const wrapped = typeof input === 'object' && input !== null && 'document' in input && 'source' in input;
  const source = wrapped ? String((input as { source: string }).source) : fallbackSource;
  const document = wrapped ? (input as { document: unknown }).document : input;
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  const parsed = parsePolicy(text, kind);
  if (!parsed.ok) throw new InputError(`${source}: ${parsed.error}`);
  return compilePolicy(parsed.policy, source, layer);
}

/**
 * Turns the input document into the engine's request and policy set.
 *
 * @example
 * const { request, policies } = readSimulationInput(JSON.parse(text));
 */
export function readSimulationInput(raw: unknown): { request: AuthzRequest; policies: PolicySet } {
  const input = raw as SimulationInput;
  if (!input || typeof input !== 'object' || !input.request || !input.policies) {
    throw new InputError('The input must be an object with "request" and "policies".');
  }
  const { principal, action, resource, resourceAccount, context } = input.request;
  if (!principal?.type || typeof action !== 'string' || typeof resource !== 'string') {
    throw new InputError('request needs "principal" (with "type"), "action" and "resource".');
  }
  const p = input.policies;
  const policies: PolicySet = {
    identity: p.identity?.map((doc, i) => compileInput(doc, 'identity', 'identity', `identity[${i}]`)),
    boundary: p.boundary === undefined ? undefined : compileInput(p.boundary, 'identity', 'boundary', 'boundary'),
    session: p.session?.map((doc, i) => compileInput(doc, 'session', 'session', `session[${i}]`)),
    resource:
      p.resource === undefined
        ? undefined
        : compileInput(p.resource, p.resourceKind ?? 'resource', 'resource', 'resource'),
    resourcePolicyRequired: p.resourceKind === 'trust',
    rootUser: p.rootUser === true,
  };
  const request: AuthzRequest = {
    principal,
    action,
    resource,
    resourceAccount: resourceAccount ?? principal.accountId,
    context: createContext(context ?? {}),
  };
  return { request, policies };
}

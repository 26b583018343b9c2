/**
 * Fixtures shared by the policy engine's tests: compile statements of a kind, the usual principals, a one-line
 * evaluation helper, and the fast-check generators of policies and requests used by the property tests.
 */

import fc from 'fast-check';
import { compilePolicy, createContext, evaluate, parsePolicy } from '../../src/policy/index.js';
import type {
  AuthzRequest,
  CompiledPolicy,
  ContextValue,
  PolicyKind,
  PolicyLayer,
  PolicySet,
  PrincipalInfo,
} from '../../src/policy/index.js';

export const A = '111122223333';
export const B = '444455556666';
export const OBJ = 'arn:aws:s3:::bucket/key';

/** Parses and compiles statements as a policy of `kind`, failing the test on a grammar error. */
export const compile = (
  statements: object[],
  kind: PolicyKind,
  layer: PolicyLayer,
  version = '2012-10-17',
): CompiledPolicy => {
  const r = parsePolicy(JSON.stringify({ Version: version, Statement: statements }), kind);
  if (!r.ok) throw new Error(r.error);
  return compilePolicy(r.policy, `${kind}-policy`, layer);
};
export const identity = (...statements: object[]) => compile(statements, 'identity', 'identity');
export const bucketPolicy = (...statements: object[]) => compile(statements, 'resource', 'resource');
export const trustPolicy = (...statements: object[]) => compile(statements, 'trust', 'resource');

export const alice: PrincipalInfo = { type: 'User', accountId: A, arn: `arn:aws:iam::${A}:user/alice` };
export const session: PrincipalInfo = {
  type: 'AssumedRole',
  accountId: A,
  arn: `arn:aws:sts::${A}:assumed-role/App/s1`,
  roleArn: `arn:aws:iam::${A}:role/team/App`,
};

/** The outcome of one request. */
export const outcome = (
  principal: PrincipalInfo,
  action: string,
  resource: string,
  policies: PolicySet,
  ctx: Record<string, ContextValue> = {},
  resourceAccount = A,
) => {
  const request: AuthzRequest = { principal, action, resource, resourceAccount, context: createContext(ctx) };
  return evaluate(request, policies).outcome;
};

// --- generators for property tests: small pools, so statements often overlap (the interesting case) ---------

/** A statement as written in a document (a plain JSON object). */
export type Statement = Record<string, unknown>;

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'iam:CreateUser', 'ec2:RunInstances', 'sts:AssumeRole'];
const ACTION_PATTERNS = ['s3:GetObject', 's3:Get*', 's3:*', 's3:PutObject', 'iam:*', 'ec2:Run?nstances', '*'];
const RESOURCES = [
  'arn:aws:s3:::b/k',
  'arn:aws:s3:::b/k2',
  'arn:aws:s3:::c/k',
  'arn:aws:s3:::b',
  'arn:aws:iam::111122223333:user/u',
  '*',
];
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::b/k',
  'arn:aws:s3:::c/*',
  'arn:aws:s3:::b',
  'arn:aws:s3:::*',
  'arn:aws:s3:::b*',
  'arn:aws:iam::*:user/*',
  'arn:aws:s3:::b/${aws:username}',
];
const CONDITIONS: readonly Record<string, Record<string, unknown>>[] = [
  { StringEquals: { 'aws:username': 'alice' } },
  { StringNotEquals: { 'aws:username': ['bob', 'carol'] } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'aws:SourceIp': '10.1.0.0/16' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'te*' } },
  { Null: { 'aws:SourceIp': 'false' } },
  { NumericLessThanIfExists: { 's3:max-keys': '10' } },
];

const list = (pool: readonly string[]) => fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 });

/** One statement; `principal` adds a Principal element for resource policies. */
export const statementArb = (principal: boolean): fc.Arbitrary<Statement> =>
  fc
    .record({
      effect: fc.constantFrom('Allow', 'Deny'),
      notAction: fc.boolean(),
      actions: list(ACTION_PATTERNS),
      notResource: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.15),
      resources: list(RESOURCE_PATTERNS),
      condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
      who: fc.constantFrom<unknown>('*', { AWS: A }, { AWS: `arn:aws:iam::${A}:user/alice` }, { AWS: B }),
    })
    .map((s) => ({
      Effect: s.effect,
      ...(s.notAction && s.effect === 'Deny' ? { NotAction: s.actions } : { Action: s.actions }),
      ...(s.notResource ? { NotResource: s.resources } : { Resource: s.resources }),
      ...(s.condition === undefined ? {} : { Condition: s.condition }),
      ...(principal ? { Principal: s.who } : {}),
    }));

/** A policy document's statements (up to 12, so long candidate lists get split by resource key). */
export const statementsArb = (principal: boolean, max = 12) =>
  fc.array(statementArb(principal), { minLength: 0, maxLength: max });

/** A request from the pools, with a random subset of context keys. */
export const requestArb: fc.Arbitrary<AuthzRequest> = fc
  .record({
    who: fc.constantFrom<PrincipalInfo>(
      { type: 'User', accountId: A, arn: `arn:aws:iam::${A}:user/alice` },
      { type: 'User', accountId: B, arn: `arn:aws:iam::${B}:user/eve` },
      {
        type: 'AssumedRole',
        accountId: A,
        arn: `arn:aws:sts::${A}:assumed-role/app/s1`,
        roleArn: `arn:aws:iam::${A}:role/app`,
      },
    ),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    resourceAccount: fc.constantFrom(A, B),
    username: fc.option(fc.constantFrom('alice', 'bob', 'k'), { nil: undefined }),
    secure: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
    ip: fc.option(fc.constantFrom('10.1.2.3', '10.2.0.1', '192.168.0.1', '2001:db8::1'), { nil: undefined }),
    tags: fc.option(fc.subarray(['team', 'env', 'cost']), { nil: undefined }),
    maxKeys: fc.option(fc.constantFrom('5', '50'), { nil: undefined }),
  })
  .map((r) => ({
    principal: r.who,
    action: r.action,
    resource: r.resource,
    resourceAccount: r.resourceAccount,
    context: createContext({
      'aws:username': r.username,
      'aws:SecureTransport': r.secure,
      'aws:SourceIp': r.ip,
      'aws:TagKeys': r.tags,
      's3:max-keys': r.maxKeys,
    }),
  }));

/** The documents of a policy set, before compilation, so properties can edit them. */
export interface SetShape {
  identity: Statement[][];
  boundary: Statement[] | undefined;
  session: Statement[] | undefined;
  resource: Statement[] | undefined;
}

export const setShapeArb: fc.Arbitrary<SetShape> = fc
  .record({
    identity: fc.array(statementsArb(false, 8), { minLength: 0, maxLength: 3 }),
    boundary: fc.option(statementsArb(false, 4), { nil: undefined }),
    session: fc.option(statementsArb(false, 4), { nil: undefined }),
    resource: fc.option(statementsArb(true, 6), { nil: undefined }),
  })
  .map(labelShape);

const KIND: Readonly<Record<PolicyLayer, PolicyKind>> = {
  identity: 'identity',
  boundary: 'boundary',
  session: 'session',
  resource: 'resource',
  scp: 'scp',
  rcp: 'rcp',
};

/** Parses (so every generated document must be valid) and compiles statements as a `layer` policy. */
export function compileStatements(statements: Statement[], layer: PolicyLayer, source: string): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), KIND[layer]);
  if (!parsed.ok) throw new Error(`generated ${layer} policy is invalid: ${parsed.error}`);
  return compilePolicy(parsed.policy, source, layer);
}

/** Gives every statement a unique Sid, so matches can be compared across reorderings. */
export function labelShape(shape: SetShape): SetShape {
  let n = 0;
  const sid = (statements: Statement[]) => statements.map((s) => ({ Sid: `S${n++}`, ...s }));
  return {
    identity: shape.identity.map(sid),
    boundary: shape.boundary && sid(shape.boundary),
    session: shape.session && sid(shape.session),
    resource: shape.resource && sid(shape.resource),
  };
}

/** Compiles a set shape; identity policies are named by position. */
export function compileSet(shape: SetShape, names = shape.identity.map((_, i) => `identity-${i}`)): PolicySet {
  return {
    identity: shape.identity.map((st, i) => compileStatements(st, 'identity', names[i] ?? `identity-${i}`)),
    boundary: shape.boundary && compileStatements(shape.boundary, 'boundary', 'boundary'),
    session: shape.session && [compileStatements(shape.session, 'session', 'session')],
    resource: shape.resource && compileStatements(shape.resource, 'resource', 'resource'),
  };
}

import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.js';
import { createContext } from './context.js';
import { evaluate } from './evaluate.js';
import { parsePolicy } from './grammar/index.js';
import type { AuthzRequest, CompiledPolicy, PolicyKind, PolicyLayer, PrincipalInfo } from './types.js';

const A = '111122223333';
const compile = (
  statements: object[],
  kind: PolicyKind,
  layer: PolicyLayer,
  source = `${layer}-policy`,
): CompiledPolicy => {
  const r = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), kind);
  if (!r.ok) throw new Error(r.error);
  return compilePolicy(r.policy, source, layer);
};
const alice: PrincipalInfo = { type: 'User', accountId: A, arn: `arn:aws:iam::${A}:user/alice` };
const request = (over: Partial<AuthzRequest> = {}): AuthzRequest => ({
  principal: alice,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key',
  resourceAccount: A,
  context: createContext({}),
  ...over,
});
const allowAll = compile([{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }], 'identity', 'identity');

describe('evaluate: basics', () => {
  it('denies implicitly, naming the identity layer, when nothing applies', () => {
    expect(evaluate(request(), {})).toEqual({
      outcome: 'ImplicitDeny',
      reason: { kind: 'implicit', layer: 'identity' },
      matched: [],
      missingKeys: [],
    });
  });

  it('allows with an identity allow and lists the matched statement', () => {
    expect(evaluate(request(), { identity: [allowAll] })).toEqual({
      outcome: 'Allow',
      matched: [{ source: 'identity-policy', layer: 'identity', sid: 'All', effect: 'Allow', index: 0 }],
      missingKeys: [],
    });
  });

  it('lets an explicit deny in any layer win, and still reports every applicable statement', () => {
    const deny = compile(
      [{ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }],
      'identity',
      'identity',
      'deny',
    );
    const d = evaluate(request(), { identity: [allowAll, deny] });
    expect(d.outcome).toBe('ExplicitDeny');
    expect(d.reason).toEqual({ kind: 'explicit', layer: 'identity' });
    expect(d.matched.map((m) => m.sid)).toEqual(['All', 'NoS3']);
  });

  it('reports a deny in the resource policy as the resource layer', () => {
    const bucket = compile(
      [{ Sid: 'D', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
      'resource',
      'resource',
    );
    expect(evaluate(request(), { identity: [allowAll], resource: bucket }).reason).toEqual({
      kind: 'explicit',
      layer: 'resource',
    });
  });

  it('reports condition keys that were asked for and absent, once each', () => {
    const p = compile(
      [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/Team': 'x' } },
        },
        {
          Sid: 'B',
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringLike: { 'aws:PrincipalTag/Team': 'y*' } },
        },
        {
          Sid: 'C',
          Effect: 'Allow',
          Action: 'iam:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
      ],
      'identity',
      'identity',
    );
    const d = evaluate(request(), { identity: [p] });
    expect(d.outcome).toBe('ImplicitDeny');
    // C's action does not match, so its key is never looked up.
    expect(d.missingKeys).toEqual(['aws:principaltag/team']);
  });
});

describe('evaluate: special callers and actions', () => {
  it('always allows sts:GetCallerIdentity for signed callers, even under an explicit deny', () => {
    const deny = compile([{ Effect: 'Deny', Action: '*', Resource: '*' }], 'identity', 'identity');
    expect(evaluate(request({ action: 'sts:GetCallerIdentity', resource: '*' }), { identity: [deny] }).outcome).toBe(
      'Allow',
    );
    expect(evaluate(request({ action: 'STS:getcalleridentity', resource: '*' }), {}).outcome).toBe('Allow');
    expect(
      evaluate(request({ action: 'sts:GetCallerIdentity', resource: '*', principal: { type: 'Anonymous' } }), {})
        .outcome,
    ).toBe('ImplicitDeny');
  });

  it('lets only the resource policy grant to anonymous callers', () => {
    const anonymous = request({ principal: { type: 'Anonymous' }, resourceAccount: A });
    const pub = compile(
      [{ Sid: 'Pub', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }],
      'resource',
      'resource',
    );
    const accountOnly = compile(
      [{ Effect: 'Allow', Principal: { AWS: A }, Action: 's3:GetObject', Resource: '*' }],
      'resource',
      'resource',
    );
    expect(evaluate(anonymous, { identity: [allowAll] })).toMatchObject({
      outcome: 'ImplicitDeny',
      reason: { layer: 'resource' },
    });
    expect(evaluate(anonymous, { resource: pub }).outcome).toBe('Allow');
    expect(evaluate(anonymous, { resource: accountOnly }).outcome).toBe('ImplicitDeny');
  });

  it('lets only the resource policy grant to service principals', () => {
    const ec2 = request({
      principal: { type: 'Service', serviceName: 'ec2.amazonaws.com' },
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/r`,
    });
    const trust = compile(
      [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      'trust',
      'resource',
    );
    expect(evaluate(ec2, { resource: trust, resourcePolicyRequired: true }).outcome).toBe('Allow');
    expect(evaluate(ec2, { identity: [allowAll], resourcePolicyRequired: true })).toMatchObject({
      reason: { layer: 'resource' },
    });
  });

  it('treats the root user as allowed on the identity side, still subject to explicit denies', () => {
    const root = request({ principal: { type: 'Account', accountId: A, arn: `arn:aws:iam::${A}:root` } });
    expect(evaluate(root, { rootUser: true }).outcome).toBe('Allow');
    const bucket = compile([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }], 'resource', 'resource');
    expect(evaluate(root, { rootUser: true, resource: bucket }).outcome).toBe('ExplicitDeny');
  });

  it('gives GetFederationToken sessions without a session policy no permissions (tricky case 18)', () => {
    const fed = request({
      principal: {
        type: 'FederatedUser',
        accountId: A,
        arn: `arn:aws:sts::${A}:federated-user/bob`,
        parentUserArn: `arn:aws:iam::${A}:user/bob`,
      },
    });
    expect(evaluate(fed, { identity: [allowAll], federatedUserSession: true })).toMatchObject({
      reason: { layer: 'session' },
    });
    const session = compile([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }], 'session', 'session');
    expect(evaluate(fed, { identity: [allowAll], session: [session], federatedUserSession: true }).outcome).toBe(
      'Allow',
    );
    const direct = compile(
      [{ Effect: 'Allow', Principal: { AWS: `arn:aws:sts::${A}:federated-user/bob` }, Action: 's3:*', Resource: '*' }],
      'resource',
      'resource',
    );
    expect(evaluate(fed, { resource: direct, federatedUserSession: true }).outcome).toBe('Allow');
  });
});

describe('evaluate: session policies and boundaries', () => {
  const role: PrincipalInfo = {
    type: 'AssumedRole',
    accountId: A,
    arn: `arn:aws:sts::${A}:assumed-role/R/s`,
    roleArn: `arn:aws:iam::${A}:role/R`,
  };
  const readOnly = compile([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }], 'session', 'session');

  it('narrows the identity policy to the intersection', () => {
    expect(evaluate(request({ principal: role }), { identity: [allowAll], session: [readOnly] }).outcome).toBe('Allow');
    expect(
      evaluate(request({ principal: role, action: 's3:PutObject' }), { identity: [allowAll], session: [readOnly] }),
    ).toMatchObject({
      reason: { kind: 'implicit', layer: 'session' },
    });
  });

  it('never widens: a session policy alone grants nothing', () => {
    expect(evaluate(request({ principal: role }), { session: [readOnly] })).toMatchObject({
      reason: { layer: 'identity' },
    });
  });

  it('takes several session policies (inline + managed) as one union', () => {
    const put = compile(
      [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }],
      'session',
      'session',
      'arn:aws:iam::aws:policy/p',
    );
    expect(
      evaluate(request({ principal: role, action: 's3:PutObject' }), { identity: [allowAll], session: [readOnly, put] })
        .outcome,
    ).toBe('Allow');
  });

  it('caps permissions with the boundary', () => {
    const boundary = compile([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'boundary', 'boundary');
    expect(evaluate(request(), { identity: [allowAll], boundary }).outcome).toBe('Allow');
    expect(
      evaluate(request({ action: 'iam:CreateUser', resource: '*' }), { identity: [allowAll], boundary }),
    ).toMatchObject({
      reason: { layer: 'boundary' },
    });
    expect(evaluate(request(), { boundary })).toMatchObject({ reason: { layer: 'identity' } });
  });
});

describe('evaluate: organization policies', () => {
  const full = compile([{ Sid: 'Full', Effect: 'Allow', Action: '*', Resource: '*' }], 'scp', 'scp', 'FullAWSAccess');
  const s3Only = compile([{ Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'scp', 'scp', 'ou-s3');
  const denyIam = compile([{ Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }], 'scp', 'scp', 'deny-iam');

  it('needs an Allow at every level and lets a Deny at any level win', () => {
    expect(evaluate(request(), { identity: [allowAll], scp: [[full], [s3Only]] }).outcome).toBe('Allow');
    expect(
      evaluate(request({ action: 'ec2:RunInstances', resource: '*' }), {
        identity: [allowAll],
        scp: [[full], [s3Only]],
      }),
    ).toMatchObject({
      outcome: 'ImplicitDeny',
      reason: { kind: 'implicit', layer: 'scp' },
    });
    expect(
      evaluate(request({ action: 'iam:ListUsers', resource: '*' }), { identity: [allowAll], scp: [[full, denyIam]] }),
    ).toMatchObject({
      outcome: 'ExplicitDeny',
      reason: { layer: 'scp' },
    });
  });

  it('applies RCPs to every caller, anonymous included', () => {
    const rcpFull = compile(
      [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      'rcp',
      'rcp',
      'RCPFullAWSAccess',
    );
    const rcpDeny = compile(
      [
        {
          Sid: 'Tls',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
        },
      ],
      'rcp',
      'rcp',
    );
    const pub = compile(
      [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
      'resource',
      'resource',
    );
    const anonymous = request({
      principal: { type: 'Anonymous' },
      context: createContext({ 'aws:SecureTransport': 'false' }),
    });
    expect(evaluate(anonymous, { resource: pub, rcp: [[rcpFull, rcpDeny]] })).toMatchObject({
      reason: { kind: 'explicit', layer: 'rcp' },
    });
    expect(
      evaluate(
        { ...anonymous, context: createContext({ 'aws:SecureTransport': 'true' }) },
        { resource: pub, rcp: [[rcpFull, rcpDeny]] },
      ).outcome,
    ).toBe('Allow');
  });
});

/**
 * The ★ "tricky cases naive engines get wrong" of IAM-SEMANTICS.md about grants and principals, one named test each,
 * run end to end through parsePolicy → compilePolicy → evaluate.
 */
import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  OBJ,
  alice,
  bucketPolicy,
  compile,
  identity,
  outcome,
  session,
  trustPolicy,
} from '../../test/support/policy-fixtures.js';
import type { CompiledPolicy, PolicySet } from './types.js';

describe('★ tricky cases (IAM-SEMANTICS.md): grants and principals', () => {
  it('5. Same account: either side suffices; cross account: both are needed, even naming the exact session', () => {
    const bucket = bucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: session.arn },
      Action: 's3:GetObject',
      Resource: '*',
    });
    const allow = identity({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    expect(outcome(session, 's3:GetObject', OBJ, { resource: bucket })).toBe('Allow');
    expect(outcome(session, 's3:GetObject', OBJ, { identity: [allow] })).toBe('Allow');
    expect(outcome(session, 's3:GetObject', OBJ, { resource: bucket }, {}, B)).toBe('ImplicitDeny');
    expect(outcome(session, 's3:GetObject', OBJ, { identity: [allow] }, {}, B)).toBe('ImplicitDeny');
    expect(outcome(session, 's3:GetObject', OBJ, { identity: [allow], resource: bucket }, {}, B)).toBe('Allow');
  });

  it('6. Which ARN the resource policy names decides what it bypasses', () => {
    const boundary = compile([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }], 'boundary', 'boundary');
    const bySession = bucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: session.arn },
      Action: 's3:GetObject',
      Resource: '*',
    });
    const byRole = bucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: session.roleArn },
      Action: 's3:GetObject',
      Resource: '*',
    });
    const byAccount = bucketPolicy({ Effect: 'Allow', Principal: { AWS: A }, Action: 's3:GetObject', Resource: '*' });
    expect(outcome(session, 's3:GetObject', OBJ, { boundary, resource: bySession })).toBe('Allow');
    expect(outcome(session, 's3:GetObject', OBJ, { boundary, resource: byRole })).toBe('ImplicitDeny');
    expect(outcome(session, 's3:GetObject', OBJ, { resource: byRole })).toBe('Allow');
    expect(outcome(session, 's3:GetObject', OBJ, { resource: byAccount })).toBe('ImplicitDeny');
  });

  it('7. Role trust policies are explicit resources: identity alone never grants AssumeRole', () => {
    const role = `arn:aws:iam::${A}:role/Target`;
    const canAssume = identity({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role });
    const namesAccount = trustPolicy({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' });
    const namesAlice = trustPolicy({
      Effect: 'Allow',
      Principal: { AWS: alice.arn },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
    const trust = (resource: CompiledPolicy | undefined, ids: CompiledPolicy[] = []): PolicySet => ({
      identity: ids,
      resource,
      resourcePolicyRequired: true,
    });
    expect(outcome(alice, 'sts:AssumeRole', role, trust(undefined, [canAssume]))).toBe('ImplicitDeny');
    expect(outcome(alice, 'sts:AssumeRole', role, trust(namesAccount))).toBe('ImplicitDeny');
    expect(outcome(alice, 'sts:AssumeRole', role, trust(namesAccount, [canAssume]))).toBe('Allow');
    expect(outcome(alice, 'sts:AssumeRole', role, trust(namesAlice))).toBe('Allow');
    // Passing session tags is a separate authorization of sts:TagSession against the same trust policy.
    expect(outcome(alice, 'sts:TagSession', role, trust(namesAlice))).toBe('Allow');
    expect(outcome(alice, 'sts:TagSession', role, trust(namesAccount, [canAssume]))).toBe('ImplicitDeny');
  });

  it('8. A Principal naming the role matches every session; aws:PrincipalArn is the role ARN with its path', () => {
    const byRole = bucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: session.roleArn },
      Action: 's3:GetObject',
      Resource: '*',
    });
    const other = { ...session, arn: `arn:aws:sts::${A}:assumed-role/App/other` };
    expect(outcome(other, 's3:GetObject', OBJ, { resource: byRole })).toBe('Allow');
    const byPathlessRole = bucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:role/App` },
      Action: 's3:GetObject',
      Resource: '*',
    });
    expect(outcome(session, 's3:GetObject', OBJ, { resource: byPathlessRole })).toBe('ImplicitDeny');
    const byCondition = bucketPolicy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/team/App` } },
    });
    expect(
      outcome(
        session,
        's3:GetObject',
        OBJ,
        { resource: byCondition },
        { 'aws:PrincipalArn': session.roleArn as string },
      ),
    ).toBe('Allow');
    // A saved trust policy holds the unique ID; a recreated role with a new ID no longer matches.
    const byId = trustPolicy({ Effect: 'Allow', Principal: { AWS: 'AROAEXAMPLEOLDROLE01' }, Action: 'sts:AssumeRole' });
    const target = { resource: byId, resourcePolicyRequired: true };
    expect(
      outcome({ ...session, uniqueId: 'AROAEXAMPLEOLDROLE01' }, 'sts:AssumeRole', `arn:aws:iam::${A}:role/T`, target),
    ).toBe('Allow');
    expect(
      outcome({ ...session, uniqueId: 'AROAEXAMPLENEWROLE01' }, 'sts:AssumeRole', `arn:aws:iam::${A}:role/T`, target),
    ).toBe('ImplicitDeny');
  });

  it('9. NotPrincipal + Deny always applies to boundary-bearing callers; exemptions need account and role', () => {
    const allow = identity({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const exceptAccountAndRole = bucketPolicy({
      Effect: 'Deny',
      NotPrincipal: { AWS: [`arn:aws:iam::${A}:root`, session.roleArn] },
      Action: 's3:*',
      Resource: '*',
    });
    const exceptRoleOnly = bucketPolicy({
      Effect: 'Deny',
      NotPrincipal: { AWS: session.roleArn },
      Action: 's3:*',
      Resource: '*',
    });
    expect(outcome(session, 's3:GetObject', OBJ, { identity: [allow], resource: exceptAccountAndRole })).toBe('Allow');
    expect(outcome(session, 's3:GetObject', OBJ, { identity: [allow], resource: exceptRoleOnly })).toBe('ExplicitDeny');
    expect(outcome(alice, 's3:GetObject', OBJ, { identity: [allow], resource: exceptAccountAndRole })).toBe(
      'ExplicitDeny',
    );
    const bounded = { ...session, hasPermissionsBoundary: true };
    const boundary = compile([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'boundary', 'boundary');
    expect(outcome(bounded, 's3:GetObject', OBJ, { identity: [allow], boundary, resource: exceptAccountAndRole })).toBe(
      'ExplicitDeny',
    );
    const allowOthers = bucketPolicy({
      Effect: 'Allow',
      NotPrincipal: { AWS: `arn:aws:iam::${B}:root` },
      Action: 's3:GetObject',
      Resource: '*',
    });
    expect(outcome({ type: 'Anonymous' }, 's3:GetObject', OBJ, { resource: allowOthers })).toBe('Allow');
  });
});

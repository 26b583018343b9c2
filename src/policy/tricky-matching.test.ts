/**
 * The ★ "tricky cases naive engines get wrong" of IAM-SEMANTICS.md about matching and conditions, one named test each,
 * run end to end through parsePolicy → compilePolicy → evaluate.
 */
import { describe, expect, it } from 'vitest';
import {
  A,
  OBJ,
  alice,
  bucketPolicy,
  compile,
  identity,
  outcome,
  session,
} from '../../test/support/policy-fixtures.js';

describe('★ tricky cases (IAM-SEMANTICS.md): matching and conditions', () => {
  it('1. ForAllValues with an absent or empty key is true; ForAnyValue is false', () => {
    const onlyAllowedTags = identity({
      Effect: 'Allow',
      Action: 'iam:TagUser',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
    });
    expect(outcome(alice, 'iam:TagUser', '*', { identity: [onlyAllowedTags] })).toBe('Allow');
    expect(outcome(alice, 'iam:TagUser', '*', { identity: [onlyAllowedTags] }, { 'aws:TagKeys': [] })).toBe('Allow');
    expect(
      outcome(alice, 'iam:TagUser', '*', { identity: [onlyAllowedTags] }, { 'aws:TagKeys': ['team', 'cost'] }),
    ).toBe('ImplicitDeny');
    const paired = identity({
      Effect: 'Allow',
      Action: 'iam:TagUser',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] }, Null: { 'aws:TagKeys': 'false' } },
    });
    expect(outcome(alice, 'iam:TagUser', '*', { identity: [paired] })).toBe('ImplicitDeny');
    const anyValue = identity({
      Effect: 'Allow',
      Action: 'iam:TagUser',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } },
    });
    expect(outcome(alice, 'iam:TagUser', '*', { identity: [anyValue] })).toBe('ImplicitDeny');
  });

  it('2. Negated operators are true on an absent key, so an org-ID deny also hits callers without one', () => {
    const policies = {
      identity: [identity({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
      resource: bucketPolicy(
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
        },
      ),
    };
    expect(outcome(alice, 's3:GetObject', OBJ, policies, { 'aws:PrincipalOrgID': 'o-abc' })).toBe('Allow');
    expect(outcome(alice, 's3:GetObject', OBJ, policies)).toBe('ExplicitDeny');
    expect(outcome({ type: 'Service', serviceName: 'logging.s3.amazonaws.com' }, 's3:GetObject', OBJ, policies)).toBe(
      'ExplicitDeny',
    );
  });

  it('3. Multiple values OR for positive operators and NOR for negated ones; keys AND', () => {
    const p = identity({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] },
        StringNotEquals: { 'aws:PrincipalTag/level': ['x', 'y'] },
      },
    });
    expect(
      outcome(
        alice,
        's3:GetObject',
        OBJ,
        { identity: [p] },
        { 'aws:PrincipalTag/team': 'b', 'aws:PrincipalTag/level': 'z' },
      ),
    ).toBe('Allow');
    expect(
      outcome(
        alice,
        's3:GetObject',
        OBJ,
        { identity: [p] },
        { 'aws:PrincipalTag/team': 'b', 'aws:PrincipalTag/level': 'y' },
      ),
    ).toBe('ImplicitDeny');
    expect(
      outcome(
        alice,
        's3:GetObject',
        OBJ,
        { identity: [p] },
        { 'aws:PrincipalTag/team': 'c', 'aws:PrincipalTag/level': 'z' },
      ),
    ).toBe('ImplicitDeny');
  });

  it('4. ForAllValues:StringNotEquals is not the negation of ForAllValues:StringEquals', () => {
    const p = identity({
      Effect: 'Allow',
      Action: 'iam:TagRole',
      Resource: '*',
      Condition: { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['admin', 'owner'] } },
    });
    expect(outcome(alice, 'iam:TagRole', '*', { identity: [p] }, { 'aws:TagKeys': ['team', 'cost'] })).toBe('Allow');
    // Not all keys are in the list (so NOT ForAllValues:StringEquals would hold), but "owner" is: denied.
    expect(outcome(alice, 'iam:TagRole', '*', { identity: [p] }, { 'aws:TagKeys': ['team', 'owner'] })).toBe(
      'ImplicitDeny',
    );
  });

  it('10. Case sensitivity differs by element', () => {
    const p = identity({
      Effect: 'Allow',
      Action: 'S3:getOBJECT',
      Resource: 'arn:aws:s3:::Bucket/*',
      Condition: { StringEquals: { 'AWS:PrincipalTag/Dept': 'Eng' } },
    });
    const ok = { 'aws:principaltag/dept': 'Eng' };
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::Bucket/k', { identity: [p] }, ok)).toBe('Allow');
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::bucket/k', { identity: [p] }, ok)).toBe('ImplicitDeny');
    expect(
      outcome(alice, 's3:GetObject', 'arn:aws:s3:::Bucket/k', { identity: [p] }, { 'aws:PrincipalTag/Dept': 'eng' }),
    ).toBe('ImplicitDeny');
    const byUser = bucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:user/Alice` },
      Action: 's3:*',
      Resource: '*',
    });
    expect(outcome(alice, 's3:GetObject', OBJ, { resource: byUser })).toBe('ImplicitDeny');
  });

  it('11. Globs match across newlines and survive long star patterns', () => {
    const p = identity({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket/${'*a'.repeat(60)}*`,
    });
    expect(outcome(alice, 's3:GetObject', `arn:aws:s3:::bucket/${'a\n'.repeat(60)}`, { identity: [p] })).toBe('Allow');
    expect(outcome(alice, 's3:GetObject', `arn:aws:s3:::bucket/${'b'.repeat(10_000)}`, { identity: [p] })).toBe(
      'ImplicitDeny',
    );
    const dot = identity({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/a.txt' });
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::bucket/abtxt', { identity: [dot] })).toBe('ImplicitDeny');
  });

  it('12. Policy variables: literal substitution, no match when missing, defaults, escapes, 2012 only', () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' };
    const p = identity(statement);
    expect(
      outcome(alice, 's3:GetObject', 'arn:aws:s3:::home/alice/x', { identity: [p] }, { 'aws:username': 'alice' }),
    ).toBe('Allow');
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::home/bob/x', { identity: [p] }, { 'aws:username': 'a*' })).toBe(
      'ImplicitDeny',
    );
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/x', { identity: [p] })).toBe(
      'ImplicitDeny',
    );
    const withDefault = identity({ ...statement, Resource: "arn:aws:s3:::home/${aws:username, 'shared'}/*" });
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::home/shared/x', { identity: [withDefault] })).toBe('Allow');
    const oldBucket = compile([{ ...statement, Principal: '*' }], 'resource', 'resource', '2008-10-17');
    expect(
      outcome(alice, 's3:GetObject', 'arn:aws:s3:::home/alice/x', { resource: oldBucket }, { 'aws:username': 'alice' }),
    ).toBe('ImplicitDeny');
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/x', { resource: oldBucket })).toBe(
      'Allow',
    );
  });

  it('13. S3 resource shapes: ListBucket on the bucket, objects under it, prefix "" present', () => {
    const p = identity(
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::bucket',
        Condition: { StringEquals: { 's3:prefix': ['', 'home/'] } },
      },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' },
      { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
    );
    expect(outcome(alice, 's3:ListBucket', 'arn:aws:s3:::bucket', { identity: [p] }, { 's3:prefix': '' })).toBe(
      'Allow',
    );
    expect(outcome(alice, 's3:ListBucket', 'arn:aws:s3:::bucket', { identity: [p] })).toBe('ImplicitDeny');
    expect(outcome(alice, 's3:ListBucket', 'arn:aws:s3:::bucket/x', { identity: [p] }, { 's3:prefix': '' })).toBe(
      'ImplicitDeny',
    );
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::bucket', { identity: [p] })).toBe('ImplicitDeny');
    expect(outcome(alice, 's3:ListAllMyBuckets', '*', { identity: [p] })).toBe('Allow');
    const star = identity({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket*' });
    expect(outcome(alice, 's3:GetObject', 'arn:aws:s3:::bucket-other/k', { identity: [star] })).toBe('Allow');
  });

  it('14. Key presence depends on the credential type', () => {
    const requireNoMfa = identity({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
    const requireNoMfaIfExists = identity({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
    const allow = identity({ Effect: 'Allow', Action: '*', Resource: '*' });
    // Long-term keys: the key is absent, so the plain Bool deny does not apply, the IfExists one does.
    expect(outcome(alice, 's3:GetObject', OBJ, { identity: [allow, requireNoMfa] })).toBe('Allow');
    expect(outcome(alice, 's3:GetObject', OBJ, { identity: [allow, requireNoMfaIfExists] })).toBe('ExplicitDeny');
    expect(
      outcome(
        session,
        's3:GetObject',
        OBJ,
        { identity: [allow, requireNoMfa] },
        { 'aws:MultiFactorAuthPresent': 'false' },
      ),
    ).toBe('ExplicitDeny');
    expect(
      outcome(
        session,
        's3:GetObject',
        OBJ,
        { identity: [allow, requireNoMfaIfExists] },
        { 'aws:MultiFactorAuthPresent': 'true' },
      ),
    ).toBe('Allow');
  });

  it('15. Dates: epoch values are seconds and compare with ISO dates', () => {
    const p = identity({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: {
        DateLessThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' },
        NumericLessThan: { 'aws:EpochTime': 1704067200 },
      },
    });
    const before = { 'aws:CurrentTime': '2023-12-31T23:59:59Z', 'aws:EpochTime': '1704067199' };
    const after = { 'aws:CurrentTime': '2024-01-01T00:00:01Z', 'aws:EpochTime': '1704067201' };
    expect(outcome(alice, 's3:GetObject', OBJ, { identity: [p] }, before)).toBe('Allow');
    expect(outcome(alice, 's3:GetObject', OBJ, { identity: [p] }, after)).toBe('ImplicitDeny');
    const epochDate = identity({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { DateGreaterThan: { 'aws:EpochTime': '2023-01-01T00:00:00Z' } },
    });
    expect(outcome(alice, 's3:GetObject', OBJ, { identity: [epochDate] }, { 'aws:EpochTime': '1700000000' })).toBe(
      'Allow',
    );
    expect(outcome(alice, 's3:GetObject', OBJ, { identity: [epochDate] }, { 'aws:EpochTime': '1600000000' })).toBe(
      'ImplicitDeny',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { compilePrincipal, matchPrincipal, notPrincipalExempts, strongest } from './principal-matcher.js';
import type { PrincipalBlock, PrincipalInfo } from './types.js';

const A = '111122223333';
const user: PrincipalInfo = {
  type: 'User',
  accountId: A,
  arn: `arn:aws:iam::${A}:user/dev/alice`,
  uniqueId: 'AIDAEXAMPLEALICE0001',
};
const session: PrincipalInfo = {
  type: 'AssumedRole',
  accountId: A,
  arn: `arn:aws:sts::${A}:assumed-role/App/s1`,
  roleArn: `arn:aws:iam::${A}:role/team/App`,
  uniqueId: 'AROAEXAMPLEAPP000001',
};
const federated: PrincipalInfo = {
  type: 'FederatedUser',
  accountId: A,
  arn: `arn:aws:sts::${A}:federated-user/bob`,
  parentUserArn: `arn:aws:iam::${A}:user/bob`,
};
const root: PrincipalInfo = { type: 'Account', accountId: A, arn: `arn:aws:iam::${A}:root` };
const anonymous: PrincipalInfo = { type: 'Anonymous' };
const ec2: PrincipalInfo = { type: 'Service', serviceName: 'ec2.amazonaws.com' };
const oidc: PrincipalInfo = { type: 'WebIdentity', federatedProvider: 'accounts.google.com' };

const match = (block: PrincipalBlock, who: PrincipalInfo) => matchPrincipal(compilePrincipal(block), who);
const exempt = (block: PrincipalBlock, who: PrincipalInfo) => notPrincipalExempts(compilePrincipal(block), who);

describe('matchPrincipal', () => {
  it('"*" and {"AWS":"*"} match everyone, anonymous included', () => {
    for (const who of [user, session, root, anonymous, ec2, oidc]) {
      expect(match('*', who)).toBe('wildcard');
      expect(match({ AWS: ['*'] }, who)).toBe('wildcard');
    }
  });

  it('the account matches every principal of the account, as delegation, but not anonymous callers', () => {
    const block = { AWS: [`arn:aws:iam::${A}:root`] };
    expect(match(block, user)).toBe('account');
    expect(match(block, session)).toBe('account');
    expect(match(block, federated)).toBe('account');
    expect(match(block, root)).toBe('account');
    expect(match(block, anonymous)).toBeUndefined();
    expect(match({ AWS: [`arn:aws:iam::444455556666:root`] }, user)).toBeUndefined();
  });

  it('user, session and federated-user ARNs are exact and case-sensitive', () => {
    expect(match({ AWS: [user.arn as string] }, user)).toBe('exact');
    expect(match({ AWS: [`arn:aws:iam::${A}:user/dev/Alice`] }, user)).toBeUndefined();
    expect(match({ AWS: [session.arn as string] }, session)).toBe('exact');
    expect(match({ AWS: [federated.arn as string] }, federated)).toBe('exact');
  });

  it('a role ARN matches all its sessions, compared with the role ARN including its path', () => {
    expect(match({ AWS: [`arn:aws:iam::${A}:role/team/App`] }, session)).toBe('role');
    expect(match({ AWS: [`arn:aws:iam::${A}:role/App`] }, session)).toBeUndefined();
    expect(
      match({ AWS: [`arn:aws:iam::${A}:role/team/App`] }, { ...session, arn: `arn:aws:sts::${A}:assumed-role/App/s2` }),
    ).toBe('role');
  });

  it('the user ARN matches federated sessions that user created, capped like a role', () => {
    expect(match({ AWS: [`arn:aws:iam::${A}:user/bob`] }, federated)).toBe('role');
  });

  it('unique IDs match the user or the role they stand for', () => {
    expect(match({ AWS: ['AIDAEXAMPLEALICE0001'] }, user)).toBe('exact');
    expect(match({ AWS: ['AROAEXAMPLEAPP000001'] }, session)).toBe('role');
    expect(match({ AWS: ['AROAEXAMPLEAPP000001'] }, user)).toBeUndefined();
  });

  it('Service and Federated entries match only those callers', () => {
    expect(match({ Service: ['ec2.amazonaws.com'] }, ec2)).toBe('service');
    expect(match({ Service: ['lambda.amazonaws.com'] }, ec2)).toBeUndefined();
    expect(match({ Service: ['ec2.amazonaws.com'] }, user)).toBeUndefined();
    expect(match({ Federated: ['accounts.google.com'] }, oidc)).toBe('federated');
    expect(match({ Federated: ['accounts.google.com'] }, anonymous)).toBeUndefined();
  });

  it('prefers the strongest form when several entries match', () => {
    expect(match({ AWS: [`arn:aws:iam::${A}:root`, session.arn as string] }, session)).toBe('exact');
    expect(match({ AWS: [`arn:aws:iam::${A}:root`, `arn:aws:iam::${A}:role/team/App`] }, session)).toBe('role');
    expect(strongest('account', 'wildcard')).toBe('wildcard');
    expect(strongest(undefined, 'role')).toBe('role');
  });
});

describe('notPrincipalExempts', () => {
  it('exempts a session only when the account and the role or session are listed (§4.10)', () => {
    expect(exempt({ AWS: [`arn:aws:iam::${A}:role/team/App`] }, session)).toBe(false);
    expect(exempt({ AWS: [`arn:aws:iam::${A}:root`] }, session)).toBe(false);
    expect(exempt({ AWS: [`arn:aws:iam::${A}:root`, `arn:aws:iam::${A}:role/team/App`] }, session)).toBe(true);
    expect(exempt({ AWS: [`arn:aws:iam::${A}:root`, session.arn as string] }, session)).toBe(true);
  });

  it('exempts a user with account and user, the root user with the account', () => {
    expect(exempt({ AWS: [user.arn as string] }, user)).toBe(false);
    expect(exempt({ AWS: [`arn:aws:iam::${A}:root`, user.arn as string] }, user)).toBe(true);
    expect(exempt({ AWS: [`arn:aws:iam::${A}:root`] }, root)).toBe(true);
  });

  it('never exempts anonymous callers unless "*" is listed', () => {
    expect(exempt({ AWS: [`arn:aws:iam::${A}:root`] }, anonymous)).toBe(false);
    expect(exempt('*', anonymous)).toBe(true);
  });

  it('exempts services and federated callers by name', () => {
    expect(exempt({ Service: ['ec2.amazonaws.com'] }, ec2)).toBe(true);
    expect(exempt({ Federated: ['accounts.google.com'] }, oidc)).toBe(true);
    expect(exempt({ Service: ['ec2.amazonaws.com'] }, oidc)).toBe(false);
  });
});

describe('CanonicalUser principals (S3)', () => {
  const canonical = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
  const other = 'e'.repeat(64);
  const oai: PrincipalInfo = { type: 'Service', canonicalUserId: canonical.toUpperCase() };

  it("name the caller's account (delegation) for callers that have one, case-insensitively", () => {
    expect(match({ CanonicalUser: [canonical] }, { ...user, canonicalUserId: canonical })).toBe('account');
    expect(match({ CanonicalUser: [canonical.toUpperCase()] }, { ...root, canonicalUserId: canonical })).toBe(
      'account',
    );
    expect(match({ CanonicalUser: [other] }, { ...user, canonicalUserId: canonical })).toBeUndefined();
    expect(match({ CanonicalUser: [canonical] }, user)).toBeUndefined();
  });

  it('name the caller itself for callers without an account (a CloudFront origin access identity)', () => {
    expect(match({ CanonicalUser: [canonical] }, oai)).toBe('exact');
    expect(match({ CanonicalUser: [canonical] }, { type: 'Anonymous', canonicalUserId: canonical })).toBeUndefined();
  });

  it('exempt an account from NotPrincipal like the account ID does', () => {
    expect(exempt({ CanonicalUser: [canonical] }, { ...root, canonicalUserId: canonical })).toBe(true);
    expect(exempt({ CanonicalUser: [canonical] }, { ...user, canonicalUserId: canonical })).toBe(false);
  });
});

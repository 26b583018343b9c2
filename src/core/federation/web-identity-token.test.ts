import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IdentityProviderRecord } from '../entities.js';
import { verifyWebIdentityToken, type WebIdentityDeps } from './web-identity-token.js';

const ISSUER = 'https://token.actions.githubusercontent.com';
const ACCOUNT = '111122223333';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const NOW = new Date('2026-11-28T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let rsa: KeyPair;
let ec: KeyPair;
let stranger: KeyPair;
let deps: WebIdentityDeps;

const provider: IdentityProviderRecord = {
  accountId: ACCOUNT,
  arn: PROVIDER_ARN,
  kind: 'oidc',
  createDate: NOW,
  tags: [],
  url: 'token.actions.githubusercontent.com',
  clientIds: ['sts.amazonaws.com'],
  thumbprints: [],
};

beforeAll(async () => {
  rsa = await generateKeyPair('RS256', { extractable: true });
  ec = await generateKeyPair('ES256', { extractable: true });
  stranger = await generateKeyPair('RS256', { extractable: true });
  const jwks = {
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256', use: 'sig' },
    ],
  };
  const local = createLocalJWKSet(jwks);
  deps = {
    keys: { keysFor: (issuer) => (issuer === ISSUER ? local : createLocalJWKSet({ keys: [] })) },
    clock: { now: () => NOW },
    provider: async (arn) => (arn === PROVIDER_ARN ? provider : undefined),
  };
});

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  iat: seconds(NOW) - 10,
  exp: seconds(NOW) + 300,
  ...overrides,
});

async function sign(
  payload: JWTPayload,
  key = rsa.privateKey,
  header: { alg: string; kid?: string } = { alg: 'RS256', kid: 'rsa' },
) {
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

/** A token with an arbitrary header and signature, for forgeries jose would refuse to produce. */
const forged = (header: object, payload: JWTPayload, signature = '') =>
  `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;

const failure = async (token: string) => {
  try {
    await verifyWebIdentityToken(deps, token, ACCOUNT);
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('the token was accepted');
};

describe('verifyWebIdentityToken', () => {
  it('accepts RS256 and ES256 tokens of a registered provider and reports what they establish', async () => {
    for (const token of [await sign(claims()), await sign(claims(), ec.privateKey, { alg: 'ES256', kid: 'ec' })]) {
      const identity = await verifyWebIdentityToken(deps, token, ACCOUNT);
      expect(identity).toMatchObject({
        issuer: ISSUER,
        providerUrl: 'token.actions.githubusercontent.com',
        providerArn: PROVIDER_ARN,
        subject: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        audience: 'sts.amazonaws.com',
        tags: [],
      });
    }
  });

  it('picks the audience that is a client id out of several, and reads amr and session tags', async () => {
    const token = await sign(
      claims({
        aud: ['other', 'sts.amazonaws.com'],
        amr: ['authenticated'],
        'https://aws.amazon.com/tags': {
          principal_tags: { team: ['blue'], env: ['ci'] },
          transitive_tag_keys: ['team'],
        },
      }),
    );
    const identity = await verifyWebIdentityToken(deps, token, ACCOUNT);
    expect(identity.audience).toBe('sts.amazonaws.com');
    expect(identity.amr).toEqual(['authenticated']);
    expect(identity.tags).toEqual([
      { Key: 'team', Value: 'blue' },
      { Key: 'env', Value: 'ci' },
    ]);
    expect(identity.transitiveTagKeys).toEqual(['team']);
  });

  it('refuses a token signed by another key', async () => {
    expect(await failure(await sign(claims(), stranger.privateKey))).toMatchObject({
      code: 'InvalidIdentityToken',
      message: 'The ID token signature is not valid.',
    });
  });

  it('refuses alg none and HMAC keyed with the public key', async () => {
    expect((await failure(forged({ alg: 'none' }, claims()))).code).toBe('InvalidIdentityToken');
    const publicPem = (await exportJWK(rsa.publicKey)).n!;
    const hmac = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa' })
      .sign(new TextEncoder().encode(publicPem));
    expect(await failure(hmac)).toMatchObject({ code: 'InvalidIdentityToken', message: /signing algorithm/ });
  });

  it('refuses expired, not-yet-valid and future-issued tokens, with leeway of a minute', async () => {
    expect((await failure(await sign(claims({ exp: seconds(NOW) - 61 })))).code).toBe('ExpiredTokenException');
    await expect(
      verifyWebIdentityToken(deps, await sign(claims({ exp: seconds(NOW) - 59 })), ACCOUNT),
    ).resolves.toBeDefined();
    expect((await failure(await sign(claims({ nbf: seconds(NOW) + 61 })))).code).toBe('InvalidIdentityToken');
    expect((await failure(await sign(claims({ iat: seconds(NOW) + 61 })))).code).toBe('InvalidIdentityToken');
  });

  it('refuses an issuer with no provider in the account, and the right issuer for another account', async () => {
    expect(await failure(await sign(claims({ iss: 'https://evil.example.com' })))).toEqual({
      code: 'InvalidIdentityToken',
      message: 'No OpenIDConnect provider found in your account for https://evil.example.com',
    });
    await expect(verifyWebIdentityToken(deps, await sign(claims()), '999988887777')).rejects.toMatchObject({
      code: 'InvalidIdentityToken',
    });
  });

  it('refuses a wrong audience, a missing subject, an unknown kid and what is not a JWT', async () => {
    expect(await failure(await sign(claims({ aud: 'my-app' })))).toEqual({
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
    });
    const { sub: _omitted, ...withoutSubject } = claims();
    expect(await failure(await sign(withoutSubject))).toMatchObject({ code: 'InvalidIdentityToken' });
    expect(await failure(await sign(claims(), rsa.privateKey, { alg: 'RS256', kid: 'rotated' }))).toMatchObject({
      code: 'InvalidIdentityToken',
      message: /key id/,
    });
    expect((await failure('not-a-jwt')).code).toBe('InvalidIdentityToken');
  });

  it('reads a source identity claim and refuses a malformed one', async () => {
    const claim = 'https://aws.amazon.com/source_identity';
    const identity = await verifyWebIdentityToken(deps, await sign(claims({ [claim]: 'octocat' })), ACCOUNT);
    expect(identity.sourceIdentity).toBe('octocat');
    expect((await failure(await sign(claims({ [claim]: 'a b' })))).code).toBe('InvalidIdentityToken');
    expect((await failure(await sign(claims({ [claim]: 42 })))).code).toBe('InvalidIdentityToken');
  });

  it('refuses malformed session tags', async () => {
    const tags = (value: unknown) => sign(claims({ 'https://aws.amazon.com/tags': value }));
    expect((await failure(await tags('team=blue'))).code).toBe('InvalidIdentityToken');
    expect((await failure(await tags({ principal_tags: { team: ['a', 'b'] } }))).code).toBe('InvalidIdentityToken');
    expect((await failure(await tags({ principal_tags: { team: 'blue' }, transitive_tag_keys: [1] }))).code).toBe(
      'InvalidIdentityToken',
    );
  });
});

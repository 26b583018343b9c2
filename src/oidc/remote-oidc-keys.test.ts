import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteOidcKeys } from './remote-oidc-keys.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
const clock = { now: () => new Date() };

/** A loopback identity provider: discovery and JWKS, counting the requests it answers. */
class TestIdp {
  server!: Server;
  issuer = '';
  jwks: JSONWebKeySet = { keys: [] };
  discoveryIssuer: string | undefined;
  status = 200;
  counts = { discovery: 0, jwks: 0 };
  /** Every request, whatever it was answered. */
  requests = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests++;
      if (this.status !== 200) {
        res.writeHead(this.status).end();
        return;
      }
      if (req.url === '/idp/.well-known/openid-configuration') {
        this.counts.discovery++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer: this.discoveryIssuer ?? this.issuer, jwks_uri: `${this.issuer}/keys` }));
      } else if (req.url === '/idp/keys') {
        this.counts.jwks++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(this.jwks));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/idp`;
  }
}

let idp: TestIdp;
let first: KeyPair;
let second: KeyPair;

const publicJwk = async (pair: KeyPair, kid: string) => ({ ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256' });
const token = (pair: KeyPair, kid: string, issuer = idp.issuer) =>
  new SignJWT({ sub: 'system:serviceaccount:ns:sa', aud: 'sts.amazonaws.com' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(pair.privateKey);
const verify = (keys: RemoteOidcKeys, jwt: string, issuer = idp.issuer) =>
  jwtVerify(jwt, keys.keysFor(issuer), { algorithms: ['RS256'] });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

beforeAll(async () => {
  first = await generateKeyPair('RS256', { extractable: true });
  second = await generateKeyPair('RS256', { extractable: true });
  idp = new TestIdp();
  await idp.start();
});

afterAll(() => {
  idp.server.close();
});

describe('RemoteOidcKeys', () => {
  it('refuses a plain-HTTP issuer unless loopback HTTP is allowed, and then warns once', async () => {
    idp.jwks = { keys: [await publicJwk(first, 'one')] };
    const strict = new RemoteOidcKeys({ clock });
    await expect(verify(strict, await token(first, 'one'))).rejects.toMatchObject({
      code: 'InvalidIdentityToken',
      message: `The identity provider ${idp.issuer} must be reached over HTTPS.`,
    });
    const warnings: string[] = [];
    const relaxed = new RemoteOidcKeys({ clock, allowInsecureLoopback: true, warn: (m) => warnings.push(m) });
    await verify(relaxed, await token(first, 'one'));
    await verify(relaxed, await token(first, 'one'));
    expect(warnings).toEqual([
      `OIDC issuer ${idp.issuer} is used over plain HTTP (allowed on loopback by configuration)`,
    ]);
  });

  it('discovers once, and a flood of unknown key ids refetches the key set at most once per cooldown', async () => {
    idp.jwks = { keys: [await publicJwk(first, 'one')] };
    idp.counts = { discovery: 0, jwks: 0 };
    const keys = new RemoteOidcKeys({ clock, allowInsecureLoopback: true, cooldownMs: 60_000 });
    await verify(keys, await token(first, 'one'));
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => codeOf(verify(keys, await token(first, `made-up-${i}`)))),
    );
    expect(new Set(outcomes)).toEqual(new Set(['ERR_JWKS_NO_MATCHING_KEY']));
    expect(idp.counts.discovery).toBe(1);
    expect(idp.counts.jwks).toBeLessThanOrEqual(2);
  });

  it('follows a key rotation: a token with a new key id fetches the key set again', async () => {
    idp.jwks = { keys: [await publicJwk(first, 'one')] };
    const keys = new RemoteOidcKeys({ clock, allowInsecureLoopback: true, cooldownMs: 0 });
    await verify(keys, await token(first, 'one'));
    idp.jwks = { keys: [await publicJwk(first, 'one'), await publicJwk(second, 'two')] };
    await expect(verify(keys, await token(second, 'two'))).resolves.toBeDefined();
  });

  it('refuses discovery metadata that names another issuer', async () => {
    idp.discoveryIssuer = 'https://elsewhere.example.com';
    try {
      const keys = new RemoteOidcKeys({ clock, allowInsecureLoopback: true });
      expect(await codeOf(verify(keys, await token(first, 'one')))).toBe('InvalidIdentityToken');
    } finally {
      idp.discoveryIssuer = undefined;
    }
  });

  it('answers IDPCommunicationError for an unreachable issuer and remembers a failure for the cooldown', async () => {
    const closed = 'http://127.0.0.1:1/idp';
    const keys = new RemoteOidcKeys({ clock, allowInsecureLoopback: true });
    expect(await codeOf(verify(keys, await token(first, 'one', closed), closed))).toBe('IDPCommunicationError');

    idp.status = 500;
    idp.requests = 0;
    try {
      const failing = new RemoteOidcKeys({ clock, allowInsecureLoopback: true, cooldownMs: 60_000 });
      for (let i = 0; i < 5; i++) {
        expect(await codeOf(verify(failing, await token(first, 'one')))).toBe('InvalidIdentityToken');
      }
    } finally {
      idp.status = 200;
    }
    // The 500 was answered once; the next four were refused from memory without asking the issuer again.
    expect(idp.requests).toBe(1);
  });

  it('uses an inline key set without any request', async () => {
    idp.requests = 0;
    const issuer = 'https://token.actions.githubusercontent.com';
    const keys = new RemoteOidcKeys({ clock, inline: { [issuer]: { keys: [await publicJwk(first, 'one')] } } });
    await expect(verify(keys, await token(first, 'one', issuer), issuer)).resolves.toBeDefined();
    expect(idp.requests).toBe(0);
  });
});

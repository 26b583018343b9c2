/**
 * @module oidc/remote-oidc-keys
 * The JWKS of OpenID Connect issuers, as AWS STS finds them (IAM User Guide, "Create an OpenID Connect (OIDC)
 * identity provider in IAM"): OIDC discovery (`<issuer>/.well-known/openid-configuration` → `jwks_uri`), then the
 * key set, both over HTTPS. jose's remote key set caches the keys and, when a token names a key id it does not
 * know (the issuer rotated its keys), fetches once more — at most once per cooldown, so a flood of tokens with
 * made-up key ids cannot make iamd hammer the issuer. Issuers can also be configured with an inline JWKS for
 * installations that cannot reach them; those are never fetched.
 *
 * Plain-HTTP issuers are refused unless explicitly allowed, and then only on loopback addresses (local test IdPs);
 * each such issuer is logged once when first used.
 */

import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { AwsError } from '../core/errors.js';
import type { Clock, OidcKeySource } from '../core/ports.js';

/** How the adapter behaves; every field has a default. */
export interface RemoteOidcKeysOptions {
  /** JWKS configured per issuer URL (the `iss` value). Those issuers are never fetched. */
  readonly inline?: Readonly<Record<string, JSONWebKeySet>> | undefined;
  /** Accept `http://` issuers and key sets on loopback addresses. */
  readonly allowInsecureLoopback?: boolean;
  /** Told once about each plain-HTTP issuer used. */
  readonly warn?: (message: string) => void;
  readonly clock: Clock;
  /** How long a discovery document is used before it is fetched again (default 1 hour). */
  readonly discoveryTtlMs?: number;
  /** Least time between two fetches of one key set, and how long a failed discovery is remembered (default 30 s). */
  readonly cooldownMs?: number;
  /** Time allowed for each HTTP request to an issuer (default 5 s). */
  readonly timeoutMs?: number;
}

const RETRIEVAL_FAILED =
  "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements";

/** One issuer's remote state: the key set once discovered, or the failure being remembered. */
interface IssuerState {
  readonly expires: number;
  readonly keys?: JWTVerifyGetKey;
  readonly failure?: AwsError;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

const unreachable = () => new AwsError('IDPCommunicationError');

/** OIDC key sets from the network or from configuration. One per app instance. */
export class RemoteOidcKeys implements OidcKeySource {
  readonly #options: RemoteOidcKeysOptions;
  readonly #inline = new Map<string, JWTVerifyGetKey>();
  readonly #issuers = new Map<string, IssuerState>();
  readonly #warned = new Set<string>();

  constructor(options: RemoteOidcKeysOptions) {
    this.#options = options;
    for (const [issuer, jwks] of Object.entries(options.inline ?? {}))
      this.#inline.set(issuer, createLocalJWKSet(jwks));
  }

  /**
   * The key getter for tokens of `issuer`.
   *
   * @example
   * await jwtVerify(token, keys.keysFor('https://token.actions.githubusercontent.com'), { algorithms: ['RS256'] });
   */
  keysFor(issuer: string): JWTVerifyGetKey {
    const inline = this.#inline.get(issuer);
    if (inline !== undefined) return inline;
    return async (header, token) => {
      const keys = await this.#keySet(issuer);
      try {
        return await keys(header, token);
      } catch (error) {
        if (error instanceof joseErrors.JWKSTimeout) throw unreachable();
        if (error instanceof joseErrors.JOSEError) throw error;
        // Anything else is the fetch itself failing: a refused connection, a reset, a bad status or body.
        throw error instanceof TypeError ? unreachable() : new AwsError('InvalidIdentityToken', RETRIEVAL_FAILED);
      }
    };
  }

  /** The issuer's remote key set, discovering it first if needed. */
  async #keySet(issuer: string): Promise<JWTVerifyGetKey> {
    const now = this.#options.clock.now().getTime();
    const known = this.#issuers.get(issuer);
    if (known !== undefined && known.expires > now) {
      if (known.keys !== undefined) return known.keys;
      throw known.failure ?? unreachable();
    }
    try {
      const jwksUri = await this.#discover(issuer);
      const keys = createRemoteJWKSet(jwksUri, {
        cooldownDuration: this.#options.cooldownMs ?? 30_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: this.#options.timeoutMs ?? 5_000,
      });
      this.#issuers.set(issuer, { expires: now + (this.#options.discoveryTtlMs ?? 3_600_000), keys });
      return keys;
    } catch (error) {
      const failure = error instanceof AwsError ? error : unreachable();
      this.#issuers.set(issuer, { expires: now + (this.#options.cooldownMs ?? 30_000), failure });
      throw failure;
    }
  }

  /** Checks that a URL may be fetched: HTTPS, or plain HTTP on loopback when allowed. */
  #checkUrl(text: string, issuer: string): URL {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new AwsError('InvalidIdentityToken', RETRIEVAL_FAILED);
    }
    if (url.protocol === 'https:') return url;
    if (url.protocol === 'http:' && this.#options.allowInsecureLoopback === true && isLoopback(url.hostname)) {
      if (!this.#warned.has(issuer)) {
        this.#warned.add(issuer);
        this.#options.warn?.(`OIDC issuer ${issuer} is used over plain HTTP (allowed on loopback by configuration)`);
      }
      return url;
    }
    throw new AwsError('InvalidIdentityToken', `The identity provider ${issuer} must be reached over HTTPS.`);
  }

  /** OIDC discovery: the `jwks_uri` of an issuer whose metadata names it as issuer (OpenID Connect Discovery §4.3). */
  async #discover(issuer: string): Promise<URL> {
    const base = this.#checkUrl(issuer, issuer);
    const path = base.pathname.replace(/\/$/, '');
    const discovery = new URL(`${base.origin}${path}/.well-known/openid-configuration`);
    let response: Response;
    try {
      response = await fetch(discovery, {
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5_000),
        redirect: 'error',
        headers: { accept: 'application/json' },
      });
    } catch {
      throw unreachable();
    }
    if (response.status !== 200) throw new AwsError('InvalidIdentityToken', RETRIEVAL_FAILED);
    let metadata: unknown;
    try {
      metadata = await response.json();
    } catch {
      throw new AwsError('InvalidIdentityToken', RETRIEVAL_FAILED);
    }
    const { issuer: named, jwks_uri: jwksUri } = (metadata ?? {}) as Record<string, unknown>;
    if (named !== issuer || typeof jwksUri !== 'string') {
      throw new AwsError('InvalidIdentityToken', RETRIEVAL_FAILED);
    }
    return this.#checkUrl(jwksUri, issuer);
  }
}

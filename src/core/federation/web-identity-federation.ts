/**
 * @module core/federation/web-identity-federation
 * AssumeRoleWithWebIdentity's token check as a use case: each request's token is verified once, however many
 * steps of the request (authorization, then the handler) ask for it.
 */

import { AwsError } from '../errors.js';
import { type WebIdentity, type WebIdentityDeps, verifyWebIdentityToken } from './web-identity-token.js';

/** The request members the check reads. */
export interface WebIdentityRequest {
  readonly RoleArn: string;
  readonly WebIdentityToken: string;
}

const ACCOUNT_OF_ROLE = /^arn:aws:iam::(\d{12}):role\//;

/** Verifies web identity tokens. One per app instance. */
export class WebIdentityFederation {
  readonly #deps: WebIdentityDeps;
  /** Keyed by the decoded request object, so an entry lives exactly as long as its request. */
  readonly #verified = new WeakMap<WebIdentityRequest, Promise<WebIdentity>>();

  constructor(deps: WebIdentityDeps) {
    this.#deps = deps;
  }

  /**
   * The identity the request's token establishes for the role's account. A role ARN that names no account cannot
   * be assumed: AccessDenied, as for a role that does not exist.
   *
   * @example
   * const identity = await federation.verify(input); // throws InvalidIdentityToken, ExpiredTokenException, …
   */
  verify(request: WebIdentityRequest): Promise<WebIdentity> {
    let verified = this.#verified.get(request);
    if (verified === undefined) {
      const account = ACCOUNT_OF_ROLE.exec(request.RoleArn)?.[1];
      verified =
        account === undefined
          ? Promise.reject(
              new AwsError(
                'AccessDenied',
                `Not authorized to perform sts:AssumeRoleWithWebIdentity on resource ${request.RoleArn}`,
              ),
            )
          : verifyWebIdentityToken(this.#deps, request.WebIdentityToken, account);
      this.#verified.set(request, verified);
    }
    return verified;
  }
}

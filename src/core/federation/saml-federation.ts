/**
 * @module core/federation/saml-federation
 * AssumeRoleWithSAML's check of the SAML response (STS API reference, AssumeRoleWithSAML): the provider named by
 * `PrincipalArn` exists in the role's account, the response is signed by a certificate of its metadata, the
 * assertion is current and addressed to AWS, and its Role attribute offers exactly this role with this provider.
 * Each request's response is checked once, however many steps of the request ask.
 */

import { createHash } from 'node:crypto';
import type { IdentityProviderRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Clock } from '../ports.js';
import { readSamlAssertion, type SamlAssertionFacts } from './saml-assertion.js';
import { samlIdpFromMetadata } from './saml-metadata.js';
import { signedAssertion } from './saml-signature.js';

/** The request members the check reads. */
export interface SamlRequest {
  readonly RoleArn: string;
  readonly PrincipalArn: string;
  readonly SAMLAssertion: string;
}

/** A verified SAML identity. */
export interface SamlIdentity extends SamlAssertionFacts {
  readonly providerArn: string;
  readonly accountId: string;
  /** `BASE64(SHA1(Issuer + AccountId + "/" + ProviderName))` (STS model, AssumeRoleWithSAMLResponse). */
  readonly nameQualifier: string;
  /** The RoleSessionName attribute, checked. */
  readonly sessionName: string;
}

/** What SAML checks need. */
export interface SamlDeps {
  readonly clock: Clock;
  readonly provider: (arn: string) => Promise<IdentityProviderRecord | undefined>;
}

const ACCOUNT_OF_ROLE = /^arn:aws:iam::(\d{12}):role\//;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const invalid = (message: string) => new AwsError('InvalidIdentityToken', message);

async function check(deps: SamlDeps, request: SamlRequest): Promise<SamlIdentity> {
  const accountId = ACCOUNT_OF_ROLE.exec(request.RoleArn)?.[1];
  const denied = new AwsError(
    'AccessDenied',
    `Not authorized to perform sts:AssumeRoleWithSAML on resource ${request.RoleArn}`,
  );
  if (accountId === undefined) throw denied;
  const provider = await deps.provider(request.PrincipalArn);
  if (provider?.kind !== 'saml' || provider.accountId !== accountId) {
    throw invalid("Specified provider doesn't exist in the role's account.");
  }
  const idp = samlIdpFromMetadata(provider.samlMetadataDocument ?? '');
  if (!idp) throw invalid("The SAML provider's metadata has no entity id or signing certificate.");
  const xml = Buffer.from(request.SAMLAssertion, 'base64').toString('utf8');
  const { assertion, status } = signedAssertion(xml, idp.certificates);
  if (status !== undefined && status !== SUCCESS) {
    throw new AwsError('IDPRejectedClaim', `The identity provider did not authenticate the user (status ${status}).`);
  }
  const facts = readSamlAssertion(assertion, idp.entityId, deps.clock.now());
  if (!facts.roles.some((r) => r.roleArn === request.RoleArn && r.providerArn === request.PrincipalArn)) throw denied;
  const sessionName = facts.roleSessionName;
  if (sessionName === undefined || !SESSION_NAME.test(sessionName)) {
    throw invalid('The RoleSessionName attribute must be 2 to 64 characters of [\\w+=,.@-].');
  }
  const providerName = request.PrincipalArn.slice(request.PrincipalArn.indexOf(':saml-provider/') + 15);
  const nameQualifier = createHash('sha1').update(`${facts.issuer}${accountId}/${providerName}`).digest('base64');
  return { ...facts, providerArn: request.PrincipalArn, accountId, nameQualifier, sessionName };
}

/** Verifies SAML responses. One per app instance. */
export class SamlFederation {
  readonly #deps: SamlDeps;
  readonly #verified = new WeakMap<SamlRequest, Promise<SamlIdentity>>();

  constructor(deps: SamlDeps) {
    this.#deps = deps;
  }

  /**
   * The identity the request's SAML response establishes; throws InvalidIdentityToken, ExpiredTokenException,
   * IDPRejectedClaim or AccessDenied as STS does.
   *
   * @example
   * const identity = await saml.verify(input);
   */
  verify(request: SamlRequest): Promise<SamlIdentity> {
    let verified = this.#verified.get(request);
    if (verified === undefined) {
      verified = check(this.#deps, request);
      this.#verified.set(request, verified);
    }
    return verified;
  }
}

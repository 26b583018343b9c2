/**
 * A test SAML identity provider: its metadata (for CreateSAMLProvider) and SAML 2.0 responses for AWS, signed with
 * `xml-crypto` as a real IdP signs them (RSA-SHA256, exclusive C14N, an enveloped signature on the assertion or on
 * the response), plus the forgeries AssumeRoleWithSAML must refuse. Keys: test/fixtures/saml/.
 */

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'saml');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
export const IDP_ENTITY_ID = 'https://idp.example.com/saml';
export const AWS_SAML = 'https://signin.aws.amazon.com/saml';

/** The keys a response can be signed with: the IdP's own, or one the provider never published. */
const KEYS = {
  idp: { key: read('idp-key.pem'), cert: read('idp-cert.pem') },
  attacker: { key: read('attacker-key.pem'), cert: read('attacker-cert.pem') },
};

const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/** IdP metadata naming the IdP's signing certificate. */
export function idpMetadata(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${IDP_ENTITY_ID}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${certBody(KEYS.idp.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

/** What a response says and how it is signed. */
export interface SamlResponseOptions {
  /** `role ARN,provider ARN` values of the Role attribute. */
  readonly roles: readonly string[];
  readonly now: Date;
  readonly subject?: string;
  readonly sessionName?: string;
  readonly sessionDuration?: number;
  readonly tags?: Readonly<Record<string, string>>;
  readonly sourceIdentity?: string;
  /** Seconds the assertion stays valid from `now` (negative: already expired). Default 300. */
  readonly validSeconds?: number;
  readonly audience?: string;
  readonly recipient?: string;
  readonly issuer?: string;
  readonly status?: string;
  readonly sign?: 'assertion' | 'response' | 'none';
  readonly signer?: keyof typeof KEYS;
}

const attribute = (name: string, ...values: string[]) =>
  `<saml:Attribute Name="${name}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`;

/** The unsigned response XML, with the assertion's ID. */
function responseXml(o: SamlResponseOptions): { xml: string; assertionId: string } {
  const iso = (offsetSeconds: number) => new Date(o.now.getTime() + offsetSeconds * 1000).toISOString();
  const until = iso(o.validSeconds ?? 300);
  const issuer = o.issuer ?? IDP_ENTITY_ID;
  const assertionId = `_a${randomUUID().replaceAll('-', '')}`;
  const attributes = [
    attribute('https://aws.amazon.com/SAML/Attributes/Role', ...o.roles),
    attribute('https://aws.amazon.com/SAML/Attributes/RoleSessionName', o.sessionName ?? 'alice@example.com'),
    ...(o.sessionDuration === undefined
      ? []
      : [attribute('https://aws.amazon.com/SAML/Attributes/SessionDuration', String(o.sessionDuration))]),
    ...Object.entries(o.tags ?? {}).map(([k, v]) =>
      attribute(`https://aws.amazon.com/SAML/Attributes/PrincipalTag:${k}`, v),
    ),
    ...(o.sourceIdentity === undefined
      ? []
      : [attribute('https://aws.amazon.com/SAML/Attributes/SourceIdentity', o.sourceIdentity)]),
  ];
  const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID().replaceAll('-', '')}" Version="2.0" IssueInstant="${iso(0)}" Destination="${AWS_SAML}"><saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status><saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(0)}"><saml:Issuer>${issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${o.subject ?? 'alice@example.com'}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${o.recipient ?? AWS_SAML}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${iso(-5)}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${o.audience ?? AWS_SAML}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes.join('')}</saml:AttributeStatement></saml:Assertion></samlp:Response>`;
  return { xml, assertionId };
}

/** Signs the element `target` of `xml` with an enveloped signature placed after its Issuer. */
function sign(xml: string, target: 'Assertion' | 'Response', signer: keyof typeof KEYS): string {
  const { key, cert } = KEYS[signer];
  const signed = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const element = `//*[local-name(.)='${target}']`;
  signed.addReference({
    xpath: element,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signed.computeSignature(xml, {
    location: { reference: `${element}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signed.getSignedXml();
}

/** A SAML response as the IdP would post it to AWS: XML, then base64 (the `SAMLAssertion` parameter). */
export function samlResponse(o: SamlResponseOptions): { xml: string; base64: string; assertionId: string } {
  const { xml, assertionId } = responseXml(o);
  const mode = o.sign ?? 'assertion';
  const out = mode === 'none' ? xml : sign(xml, mode === 'assertion' ? 'Assertion' : 'Response', o.signer ?? 'idp');
  return { xml: out, base64: Buffer.from(out).toString('base64'), assertionId };
}

/** Base64 of an XML text. */
export const base64Of = (xml: string) => Buffer.from(xml).toString('base64');

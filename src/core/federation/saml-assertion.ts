/**
 * @module core/federation/saml-assertion
 * Reads a verified SAML assertion as AssumeRoleWithSAML does (IAM User Guide, "Configure SAML assertions for the
 * authentication response" and "Available keys for SAML-based AWS STS federation"): issuer, the AWS audience and
 * recipient, validity times, the subject, and the `https://aws.amazon.com/SAML/Attributes/…` attributes.
 */

import type { Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import { childElements, NS, onlyChild, textOf } from './saml-xml.js';

/** Where AWS's sign-in endpoint receives assertions: the audience and recipient an assertion must name. */
const AWS_SAML_ENDPOINT = /^https:\/\/(?:[a-z0-9-]+\.)?signin\.aws\.amazon\.com\/saml$/;
const AWS_AUDIENCE = (value: string) => AWS_SAML_ENDPOINT.test(value) || value === 'urn:amazon:webservices';
const ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/';
const NAME_ID_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';
/** Leeway for clocks that disagree about the validity times. */
const CLOCK_TOLERANCE_MS = 60_000;

/** What an assertion establishes. */
export interface SamlAssertionFacts {
  readonly issuer: string;
  /** The recipient (SubjectConfirmationData): `saml:aud`, and the response's `Audience`. */
  readonly recipient: string;
  readonly subject: string;
  /** NameID format without the SAML 2.0 prefix (`persistent`, `transient`), or the full format URI. */
  readonly subjectType: string;
  /** `role ARN,provider ARN` pairs from the Role attribute. */
  readonly roles: readonly { readonly roleArn: string; readonly providerArn: string }[];
  readonly roleSessionName: string | undefined;
  readonly sessionDuration: number | undefined;
  readonly sourceIdentity: string | undefined;
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  /** The latest moment the session may last to (`SessionNotOnOrAfter`), if the IdP set one. */
  readonly sessionNotOnOrAfter: Date | undefined;
}

const invalid = (message: string) => new AwsError('InvalidIdentityToken', message);

function time(element: Element | undefined, name: string): number | undefined {
  const value = element?.getAttribute(name);
  if (!value) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(`The SAML assertion's ${name} is not a valid time.`);
  return ms;
}

/** Every attribute's values, by name. */
function attributes(assertion: Element): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const statement of childElements(assertion, NS.assertion, 'AttributeStatement')) {
    for (const attribute of childElements(statement, NS.assertion, 'Attribute')) {
      const name = attribute.getAttribute('Name') ?? '';
      const values = childElements(attribute, NS.assertion, 'AttributeValue').map((v) => v.textContent?.trim() ?? '');
      out.set(name, [...(out.get(name) ?? []), ...values]);
    }
  }
  return out;
}

/** `arn:…:role/R,arn:…:saml-provider/P` in either order. */
function rolePairs(values: readonly string[]): SamlAssertionFacts['roles'] {
  return values.flatMap((value) => {
    const [a = '', b = ''] = value.split(',').map((part) => part.trim());
    if (a.includes(':role/') && b.includes(':saml-provider/')) return [{ roleArn: a, providerArn: b }];
    if (b.includes(':role/') && a.includes(':saml-provider/')) return [{ roleArn: b, providerArn: a }];
    return [];
  });
}

/**
 * Checks a verified assertion against the IdP's entity id and the time, and reads it.
 *
 * @example
 * const facts = readSamlAssertion(assertion, idp.entityId, clock.now());
 */
export function readSamlAssertion(assertion: Element, entityId: string, now: Date): SamlAssertionFacts {
  const issuer = textOf(onlyChild(assertion, NS.assertion, 'Issuer'));
  if (issuer !== entityId)
    throw invalid(`The SAML assertion's issuer is not the SAML provider's entity (${entityId}).`);
  const at = now.getTime();

  const conditions = onlyChild(assertion, NS.assertion, 'Conditions');
  const notBefore = time(conditions, 'NotBefore');
  const notOnOrAfter = time(conditions, 'NotOnOrAfter');
  if (notOnOrAfter !== undefined && at >= notOnOrAfter + CLOCK_TOLERANCE_MS) {
    throw new AwsError('ExpiredTokenException', 'Token must not be expired');
  }
  if (notBefore !== undefined && at < notBefore - CLOCK_TOLERANCE_MS) {
    throw invalid('The SAML assertion is not valid yet (NotBefore).');
  }
  const audiences = conditions
    ? childElements(conditions, NS.assertion, 'AudienceRestriction').flatMap((restriction) =>
        childElements(restriction, NS.assertion, 'Audience').map((a) => a.textContent?.trim() ?? ''),
      )
    : [];
  if (!audiences.some(AWS_AUDIENCE)) {
    throw invalid(
      'The SAML assertion is not addressed to AWS: its Audience must be https://signin.aws.amazon.com/saml.',
    );
  }

  const subject = onlyChild(assertion, NS.assertion, 'Subject');
  const nameId = subject && onlyChild(subject, NS.assertion, 'NameID');
  const subjectValue = textOf(nameId);
  if (!subject || !nameId || subjectValue === undefined) throw invalid('The SAML assertion has no subject NameID.');
  const confirmations = childElements(subject, NS.assertion, 'SubjectConfirmation').flatMap((c) =>
    childElements(c, NS.assertion, 'SubjectConfirmationData'),
  );
  const confirmation = confirmations.find((data) => AWS_SAML_ENDPOINT.test(data.getAttribute('Recipient') ?? ''));
  if (!confirmation) {
    throw invalid(
      'The SAML assertion has no subject confirmation for the AWS recipient https://signin.aws.amazon.com/saml.',
    );
  }
  const confirmedUntil = time(confirmation, 'NotOnOrAfter');
  if (confirmedUntil !== undefined && at >= confirmedUntil + CLOCK_TOLERANCE_MS) {
    throw new AwsError('ExpiredTokenException', 'Token must not be expired');
  }

  const authn = onlyChild(assertion, NS.assertion, 'AuthnStatement');
  const sessionEnd = time(authn, 'SessionNotOnOrAfter');
  const values = attributes(assertion);
  const one = (name: string) => values.get(`${ATTRIBUTE}${name}`)?.[0];
  const duration = one('SessionDuration');
  const sessionDuration = duration === undefined ? undefined : Number(duration);
  if (
    sessionDuration !== undefined &&
    !(Number.isInteger(sessionDuration) && sessionDuration >= 900 && sessionDuration <= 43200)
  ) {
    throw invalid('The SessionDuration attribute must be a whole number of seconds from 900 to 43200.');
  }
  const tags: Tag[] = [];
  for (const [name, list] of values) {
    if (!name.startsWith(`${ATTRIBUTE}PrincipalTag:`)) continue;
    if (list.length !== 1) throw invalid(`The session tag attribute ${name} must have exactly one value.`);
    tags.push({ Key: name.slice(`${ATTRIBUTE}PrincipalTag:`.length), Value: list[0]! });
  }
  const format = nameId.getAttribute('Format') ?? `${NAME_ID_PREFIX}unspecified`;
  return {
    issuer,
    recipient: confirmation.getAttribute('Recipient') ?? '',
    subject: subjectValue,
    subjectType: format.startsWith(NAME_ID_PREFIX) ? format.slice(NAME_ID_PREFIX.length) : format,
    roles: rolePairs(values.get(`${ATTRIBUTE}Role`) ?? []),
    roleSessionName: one('RoleSessionName'),
    sessionDuration,
    sourceIdentity: one('SourceIdentity'),
    tags,
    transitiveTagKeys: values.get(`${ATTRIBUTE}TransitiveTagKeys`) ?? [],
    sessionNotOnOrAfter: sessionEnd === undefined ? undefined : new Date(sessionEnd),
  };
}

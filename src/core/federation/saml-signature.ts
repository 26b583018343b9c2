/**
 * @module core/federation/saml-signature
 * Finds the assertion a SAML response vouches for, with the XML signature checked by `xml-crypto` against the
 * IdP's metadata certificates only. Signature-wrapping attacks insert a second, unsigned assertion where a careless
 * reader finds it first; here nothing is read from the document as received: after the signature verifies, the
 * signed reference itself (the canonical XML `xml-crypto` computed the digest over) is parsed again and the
 * assertion is taken from that. The signature must be an enveloped one on the response or on its assertion, and its
 * single reference must point at the element that holds it.
 */

import { SignedXml } from 'xml-crypto';
import { AwsError } from '../errors.js';
import { childElements, NS, onlyChild, parseXml } from './saml-xml.js';

const invalid = (message: string) => new AwsError('InvalidIdentityToken', message);

/** RSA and ECDSA signatures with SHA-2 (and SHA-1, which IdPs still send); never HMAC. */
const SIGNATURE_ALGORITHMS = [
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
];

/** The element a signature is enveloped in, if it verifies with one of `certificates`: its signed XML. */
function verifiedXml(xml: string, signature: Element, holder: Element, certificates: readonly string[]): string {
  const algorithm = signature.getElementsByTagNameNS(NS.dsig, 'SignatureMethod')[0]?.getAttribute('Algorithm');
  if (!algorithm || !SIGNATURE_ALGORITHMS.includes(algorithm)) {
    throw invalid('The SAML response is signed with an algorithm iamd does not accept.');
  }
  const id = holder.getAttribute('ID');
  if (!id) throw invalid('The signed SAML element has no ID.');
  for (const certificate of certificates) {
    // The certificate comes from the provider's metadata; KeyInfo in the response is ignored.
    const verifier = new SignedXml({ publicCert: certificate, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    let valid = false;
    try {
      valid = verifier.checkSignature(xml);
    } catch {
      valid = false;
    }
    if (!valid) continue;
    const references = verifier.getReferences();
    const signed = verifier.getSignedReferences();
    if (references.length !== 1 || signed.length !== 1 || references[0]?.uri !== `#${id}`) {
      throw invalid('The SAML signature must cover exactly the element that holds it.');
    }
    return signed[0]!;
  }
  throw invalid('The SAML response signature is not valid for the certificates of the SAML provider.');
}

/** The single `Assertion` child of a response element; encrypted assertions are not supported. */
function assertionOf(response: Element): Element {
  if (childElements(response, NS.assertion, 'EncryptedAssertion').length > 0) {
    throw invalid('Encrypted SAML assertions are not supported by iamd; configure the IdP to sign without encrypting.');
  }
  const assertion = onlyChild(response, NS.assertion, 'Assertion');
  if (!assertion) throw invalid('The SAML response must contain exactly one assertion.');
  return assertion;
}

/**
 * The verified assertion of a SAML response (its XML text) and the response's status code.
 *
 * @example
 * const { assertion } = signedAssertion(xml, idp.certificates);
 */
export function signedAssertion(
  xml: string,
  certificates: readonly string[],
): { readonly assertion: Element; readonly status: string | undefined } {
  let doc: Document;
  try {
    doc = parseXml(xml);
  } catch {
    throw invalid('The SAML response is not well-formed XML.');
  }
  const response = doc.documentElement;
  if (response.namespaceURI !== NS.protocol || response.localName !== 'Response') {
    throw invalid('The SAMLAssertion must be a base64-encoded SAML 2.0 Response.');
  }
  // The status is only ever used to refuse, so it may be read from the unsigned envelope.
  const status = onlyChild(response, NS.protocol, 'Status');
  const statusCode = status && onlyChild(status, NS.protocol, 'StatusCode')?.getAttribute('Value');

  const responseSignature = onlyChild(response, NS.dsig, 'Signature');
  if (responseSignature) {
    const signed = parseXml(verifiedXml(xml, responseSignature, response, certificates)).documentElement;
    return { assertion: assertionOf(signed), status: statusCode ?? undefined };
  }
  const assertion = assertionOf(response);
  const assertionSignature = onlyChild(assertion, NS.dsig, 'Signature');
  if (!assertionSignature) throw invalid('The SAML response is not signed.');
  const signed = parseXml(verifiedXml(xml, assertionSignature, assertion, certificates)).documentElement;
  if (signed.namespaceURI !== NS.assertion || signed.localName !== 'Assertion') {
    throw invalid('The SAML signature must cover the assertion.');
  }
  return { assertion: signed, status: statusCode ?? undefined };
}

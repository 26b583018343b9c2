/**
 * @module core/federation/saml-metadata
 * What AssumeRoleWithSAML needs from a SAML provider's IdP metadata (SAML 2.0 Metadata §2.4.3, §2.4.1.1): the
 * IdP's entity id, which the assertion's `Issuer` must equal, and its signing certificates, the only keys a
 * response may be verified with (a certificate inside the response itself is never trusted).
 */

import { childElements, NS, parseXml } from './saml-xml.js';

/** The IdP as its metadata describes it. */
export interface SamlIdp {
  readonly entityId: string;
  /** PEM certificates from `KeyDescriptor`s whose `use` is `signing` or absent. */
  readonly certificates: readonly string[];
}

function pem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Reads IdP metadata; `undefined` when it has no entity id or no signing certificate.
 *
 * @example
 * samlIdpFromMetadata(provider.samlMetadataDocument)?.entityId; // 'https://idp.example.com/saml'
 */
export function samlIdpFromMetadata(metadata: string): SamlIdp | undefined {
  let root: Element;
  try {
    root = parseXml(metadata).documentElement;
  } catch {
    return undefined;
  }
  const descriptors =
    root.namespaceURI === NS.metadata && root.localName === 'EntityDescriptor'
      ? [root]
      : childElements(root, NS.metadata, 'EntityDescriptor');
  for (const descriptor of descriptors) {
    const entityId = descriptor.getAttribute('entityID');
    if (!entityId) continue;
    const certificates: string[] = [];
    for (const idp of childElements(descriptor, NS.metadata, 'IDPSSODescriptor')) {
      for (const key of childElements(idp, NS.metadata, 'KeyDescriptor')) {
        const use = key.getAttribute('use');
        if (use && use !== 'signing') continue;
        for (const cert of Array.from(key.getElementsByTagNameNS(NS.dsig, 'X509Certificate'))) {
          const text = cert.textContent?.trim();
          if (text) certificates.push(pem(text));
        }
      }
    }
    if (certificates.length > 0) return { entityId, certificates };
  }
  return undefined;
}

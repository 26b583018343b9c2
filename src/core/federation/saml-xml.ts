/**
 * @module core/federation/saml-xml
 * XML reading for SAML: a strict parser (any parse error refuses the document) and the namespaces SAML 2.0 uses.
 * `@xmldom/xmldom` neither fetches external entities nor expands DTD entity definitions, so a SAML response cannot
 * make iamd read files or the network.
 */

import { DOMParser } from '@xmldom/xmldom';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** Parses XML, throwing on any error or warning. */
export function parseXml(text: string): Document {
  const fail = (message: string) => {
    throw new Error(message);
  };
  const parser = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } });
  const doc = parser.parseFromString(text, 'text/xml') as unknown as Document;
  if (!doc?.documentElement) throw new Error('empty document');
  if (/<!DOCTYPE/i.test(text)) throw new Error('a document type declaration is not allowed');
  return doc;
}

/** The element children of `parent` with the given namespace and local name. */
export function childElements(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.namespaceURI === ns && element.localName === localName) out.push(element);
    }
  }
  return out;
}

/** The one child element with that name, or `undefined` (also when there are several). */
export function onlyChild(parent: Element, ns: string, localName: string): Element | undefined {
  const found = childElements(parent, ns, localName);
  return found.length === 1 ? found[0] : undefined;
}

/** The trimmed text content of an element. */
export function textOf(element: Element | undefined): string | undefined {
  const text = element?.textContent?.trim();
  return text === undefined || text === '' ? undefined : text;
}

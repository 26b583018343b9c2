/**
 * @module protocols/xml/read-shape
 * Parses an XML request body (S3 configuration documents such as `PublicAccessBlockConfiguration`) and reads
 * it into a value by walking the model shape: the mirror image of `write-shape.ts`. Anything the shape does
 * not describe is ignored; anything malformed is S3's `MalformedXML`.
 */
import { XMLParser } from 'fast-xml-parser';
import { AwsError } from '../../core/errors.js';
import type { ShapeRef } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { parseTimestamp } from '../timestamps.js';

const ATTRIBUTE_PREFIX = '@_';

/** One parser per call: fast-xml-parser instances are cheap and keeping none avoids shared state. */
function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    parseTagValue: false,
    parseAttributeValue: false,
    // Keys and values are data: whitespace in them is significant (S3 keys may end in spaces).
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: true,
  });
}

/**
 * Parses a UTF-8 XML document and returns the content of its root element (the root's name is ignored, as
 * botocore and S3 ignore it). Rejects DTDs outright: no AWS body has one, and they are the vector for entity
 * expansion attacks.
 */
export function parseXmlDocument(body: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new AwsError('MalformedXML');
  }
  if (/<!DOCTYPE/i.test(text)) throw new AwsError('MalformedXML');
  let document: unknown;
  try {
    document = parser().parse(text, true);
  } catch {
    throw new AwsError('MalformedXML');
  }
  const roots = Object.entries(document as Record<string, unknown>).filter(([key]) => !key.startsWith('?'));
  if (roots.length !== 1) throw new AwsError('MalformedXML');
  return (roots[0] as [string, unknown])[1];
}

/** Reads the parsed node `node` as a value of the shape `ref` points to. */
export function readShape(model: ServiceModel, ref: ShapeRef, node: unknown): unknown {
  const shape = model.resolve(ref);
  switch (shape.type) {
    case 'structure': {
      const element = isElement(node) ? node : {};
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const value = readMember(model, name, member, element);
        if (value !== undefined) result[name] = value;
      }
      for (const name of shape.required ?? []) {
        // Members bound to headers or the URI are not in the document; the REST decoder checks those.
        if (result[name] === undefined && shape.members[name]?.location === undefined)
          throw new AwsError('MalformedXML');
      }
      return result;
    }
    case 'list': {
      const element = isElement(node) ? node : {};
      return toArray(element[shape.member.locationName ?? 'member']).map((item) =>
        readShape(model, shape.member, item),
      );
    }
    case 'map': {
      const element = isElement(node) ? node : {};
      const result: Record<string, unknown> = {};
      for (const entry of toArray(element['entry'])) {
        const pair = isElement(entry) ? entry : {};
        const key = textOf(pair[shape.key.locationName ?? 'key']);
        result[key] = readShape(model, shape.value, pair[shape.value.locationName ?? 'value']);
      }
      return result;
    }
    default:
      return readScalar(model, ref, textOf(node));
  }
}

function readMember(model: ServiceModel, name: string, member: ShapeRef, element: Record<string, unknown>): unknown {
  if (member.location !== undefined) return undefined;
  if (member.xmlAttribute) {
    const raw = element[`${ATTRIBUTE_PREFIX}${member.locationName ?? name}`];
    return raw === undefined ? undefined : readScalar(model, member, textOf(raw));
  }
  const target = model.resolve(member);
  if (target.type === 'list' && (target.flattened || member.flattened)) {
    const items = toArray(element[target.member.locationName ?? member.locationName ?? name]);
    return items.length === 0 ? undefined : items.map((item) => readShape(model, target.member, item));
  }
  const child = element[member.locationName ?? name];
  if (child === undefined) return undefined;
  return readShape(model, member, Array.isArray(child) ? child[0] : child);
}

/** Converts element text to the scalar type of `ref`; S3 answers `MalformedXML` for unparsable values. */
export function readScalar(model: ServiceModel, ref: ShapeRef, text: string): unknown {
  const shape = model.resolve(ref);
  switch (shape.type) {
    case 'boolean': {
      const lowered = text.trim().toLowerCase();
      if (lowered !== 'true' && lowered !== 'false') throw new AwsError('MalformedXML');
      return lowered === 'true';
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const number = text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(number) || (shape.type !== 'float' && shape.type !== 'double' && !Number.isInteger(number)))
        throw new AwsError('MalformedXML');
      return number;
    }
    case 'timestamp': {
      const date = parseTimestamp(text);
      if (!date) throw new AwsError('MalformedXML');
      return date;
    }
    case 'blob':
      return new Uint8Array(Buffer.from(text.trim(), 'base64'));
    default:
      return text;
  }
}

function isElement(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function toArray(node: unknown): readonly unknown[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (isElement(node) && typeof node['#text'] === 'string') return node['#text'];
  return '';
}

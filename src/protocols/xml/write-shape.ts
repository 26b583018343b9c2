/**
 * @module protocols/xml/write-shape
 * Serialises a value to XML by walking its model shape; shared by the Query envelope and S3 bodies.
 *
 * Rules (botocore `serialize.py` RestXMLSerializer and `parsers.py` BaseXMLResponseParser, which the SDKs read
 * back): members in model order, absent (`undefined`/`null`) members omitted, element names from
 * `locationName` else the member name; lists wrap items in `<member>` (or the list member's `locationName`)
 * unless `flattened`, in which case the item element repeats under the member's name; maps write
 * `<entry><key/><value/></entry>`; `xmlAttribute` members become attributes; blobs are base64.
 */
import type { ShapeRef, StructureShape } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { formatTimestamp, type TimestampStyle } from '../timestamps.js';
import { escapeXml, escapeXmlText } from './escape.js';

/** Protocol-specific choices for the writer. */
export interface XmlWriteOptions {
  /** Default timestamp style for elements without an explicit `timestampFormat`. */
  readonly timestamps: TimestampStyle;
}

/** Appends the child elements of `value` (a structure) to `out`, in model order. */
export function writeMembers(
  model: ServiceModel,
  shape: StructureShape,
  value: unknown,
  options: XmlWriteOptions,
  out: string[],
): void {
  if (typeof value !== 'object' || value === null) return;
  const record = value as Readonly<Record<string, unknown>>;
  for (const [name, ref] of Object.entries(shape.members)) {
    const member = record[name];
    if (member === undefined || member === null || ref.xmlAttribute || ref.location !== undefined) continue;
    const target = model.resolve(ref);
    if (target.type === 'list' && (target.flattened || ref.flattened)) {
      const itemName = target.member.locationName ?? ref.locationName ?? name;
      for (const item of asArray(member)) writeElement(model, target.member, itemName, item, options, out);
    } else {
      writeElement(model, ref, ref.locationName ?? name, member, options, out);
    }
  }
}

/**
 * Appends `<name>…</name>` for `value` shaped by `ref`. `rootAttributes` (already escaped, with a leading
 * space) lets the caller put `xmlns` on a document root.
 */
export function writeElement(
  model: ServiceModel,
  ref: ShapeRef,
  name: string,
  value: unknown,
  options: XmlWriteOptions,
  out: string[],
  rootAttributes = '',
): void {
  const shape = model.resolve(ref);
  switch (shape.type) {
    case 'structure': {
      out.push(`<${name}${rootAttributes}${namespaceAttribute(ref, shape)}${attributes(model, shape, value)}>`);
      writeMembers(model, shape, value, options, out);
      out.push(`</${name}>`);
      return;
    }
    case 'list': {
      out.push(`<${name}${rootAttributes}>`);
      const itemName = shape.member.locationName ?? 'member';
      for (const item of asArray(value)) writeElement(model, shape.member, itemName, item, options, out);
      out.push(`</${name}>`);
      return;
    }
    case 'map': {
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      if (!shape.flattened) out.push(`<${name}${rootAttributes}>`);
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item === undefined || item === null) continue;
        out.push(shape.flattened ? `<${name}>` : '<entry>');
        writeElement(model, shape.key, keyName, key, options, out);
        writeElement(model, shape.value, valueName, item, options, out);
        out.push(shape.flattened ? `</${name}>` : '</entry>');
      }
      if (!shape.flattened) out.push(`</${name}>`);
      return;
    }
    default:
      out.push(`<${name}${rootAttributes}>${escapeXmlText(scalarText(model, ref, value, options))}</${name}>`);
  }
}

/**
 * The text form of a scalar value shaped by `ref` (string, number, boolean, timestamp, blob).
 * Also used for S3 headers with a different timestamp default.
 */
export function scalarText(model: ServiceModel, ref: ShapeRef, value: unknown, options: XmlWriteOptions): string {
  const shape = model.resolve(ref);
  switch (shape.type) {
    case 'timestamp':
      return formatTimestamp(value, ref.timestampFormat ?? shape.timestampFormat ?? options.timestamps);
    case 'blob':
      return Buffer.from(value instanceof Uint8Array ? value : String(value)).toString('base64');
    case 'boolean':
      return value === true || value === 'true' ? 'true' : 'false';
    default:
      return String(value);
  }
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function namespaceAttribute(ref: ShapeRef, shape: StructureShape): string {
  const ns = ref.xmlNamespace ?? shape.xmlNamespace;
  return ns?.prefix ? ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"` : '';
}

function attributes(model: ServiceModel, shape: StructureShape, value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  let result = '';
  for (const [name, ref] of Object.entries(shape.members)) {
    const member = (value as Record<string, unknown>)[name];
    if (!ref.xmlAttribute || member === undefined || member === null) continue;
    result += ` ${ref.locationName ?? name}="${escapeXml(scalarText(model, ref, member, { timestamps: 'iso8601' }))}"`;
  }
  return result;
}

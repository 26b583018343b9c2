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
import type { Shape, ShapeRef, StructureShape } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { formatTimestamp, type TimestampStyle } from '../timestamps.js';
import { escapeXml, escapeXmlText } from './escape.js';

/** Protocol-specific choices for the writer. */
export interface XmlWriteOptions {
  /** Default timestamp style for elements without an explicit `timestampFormat`. */
  readonly timestamps: TimestampStyle;
}

/** A member written as a child element. */
interface ElementPlan {
  readonly member: string;
  readonly ref: ShapeRef;
  readonly target: Shape;
  readonly element: string;
  /** For a flattened list: the item reference, each item written as `element`. */
  readonly flattenedItem?: ShapeRef | undefined;
}

/** A member written as an attribute of the structure's element. */
interface AttributePlan {
  readonly member: string;
  readonly ref: ShapeRef;
  readonly attribute: string;
}

/** How a structure is written: its element and attribute members in model order. */
interface StructurePlan {
  readonly elements: readonly ElementPlan[];
  readonly attributes: readonly AttributePlan[];
}

/** The plans of one model, kept by the model (`ServiceModel.derive`). */
const newPlanCache = (): Map<StructureShape, StructurePlan> => new Map();

/**
 * The members of `shape` as the writer visits them, worked out once per model rather than on every response (the
 * member table, each target shape, element names).
 */
function planOf(model: ServiceModel, shape: StructureShape): StructurePlan {
  const plans = model.derive(newPlanCache);
  const known = plans.get(shape);
  if (known) return known;
  const elements: ElementPlan[] = [];
  const attributes: AttributePlan[] = [];
  for (const [member, ref] of Object.entries(shape.members)) {
    if (ref.xmlAttribute) {
      attributes.push({ member, ref, attribute: ref.locationName ?? member });
      continue;
    }
    if (ref.location !== undefined) continue;
    const target = model.resolve(ref);
    if (target.type === 'list' && (target.flattened || ref.flattened)) {
      const element = target.member.locationName ?? ref.locationName ?? member;
      elements.push({ member, ref, target, element, flattenedItem: target.member });
    } else {
      elements.push({ member, ref, target, element: ref.locationName ?? member });
    }
  }
  const plan: StructurePlan = { elements, attributes };
  plans.set(shape, plan);
  return plan;
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
  for (const plan of planOf(model, shape).elements) {
    const member = record[plan.member];
    if (member === undefined || member === null) continue;
    if (plan.flattenedItem) {
      for (const item of asArray(member)) writeElement(model, plan.flattenedItem, plan.element, item, options, out);
    } else {
      writeResolved(model, plan.ref, plan.target, plan.element, member, options, out, '');
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
  writeResolved(model, ref, model.resolve(ref), name, value, options, out, rootAttributes);
}

/** {@link writeElement} with the target shape already resolved. */
function writeResolved(
  model: ServiceModel,
  ref: ShapeRef,
  shape: Shape,
  name: string,
  value: unknown,
  options: XmlWriteOptions,
  out: string[],
  rootAttributes: string,
): void {
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
      out.push(`<${name}${rootAttributes}>${escapeXmlText(scalarOf(shape, ref, value, options))}</${name}>`);
  }
}

/**
 * The text form of a scalar value shaped by `ref` (string, number, boolean, timestamp, blob).
 * Also used for S3 headers with a different timestamp default.
 */
export function scalarText(model: ServiceModel, ref: ShapeRef, value: unknown, options: XmlWriteOptions): string {
  return scalarOf(model.resolve(ref), ref, value, options);
}

function scalarOf(shape: Shape, ref: ShapeRef, value: unknown, options: XmlWriteOptions): string {
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
  const plans = planOf(model, shape).attributes;
  if (plans.length === 0) return '';
  let result = '';
  for (const { member: name, ref, attribute } of plans) {
    const member = (value as Record<string, unknown>)[name];
    if (member === undefined || member === null) continue;
    result += ` ${attribute}="${escapeXml(scalarText(model, ref, member, { timestamps: 'iso8601' }))}"`;
  }
  return result;
}

/**
 * @module protocols/rest-xml/encode-response
 * Encodes an S3 operation's output: `header`/`headers` members become response headers, a `statusCode` member
 * the status, and the body is the `payload` member (a structure as XML rooted at its `locationName` or shape
 * name; a blob or stream passed through) or, without a payload, the remaining members as one XML document
 * rooted at the S3 name for the operation. XML bodies carry the S3 namespace and ISO-8601 timestamps with
 * milliseconds, as S3 itself writes them. HEAD responses never have a body (RFC 9110 §9.3.2).
 */
import type { Readable } from 'node:stream';
import type { ShapeRef, StructureShape } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { writeElement, writeMembers, type XmlWriteOptions } from '../xml/index.js';
import { formatHeaderValue } from './http-values.js';
import { s3RootElement } from './root-names.js';

/** The S3 XML namespace (S3 API Reference response syntax); the S3 model's metadata does not name it. */
export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const S3_XML: XmlWriteOptions = { timestamps: 'iso8601' };

/** An encoded S3 response; `body` is absent when there is none. */
export interface RestXmlResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Uint8Array | Readable;
}

/**
 * Encodes `output` for `operation`.
 *
 * @example
 * encodeRestXmlResponse(s3, 'HeadObject', { ContentLength: 5, ETag: '"abc"' });
 * // { status: 200, headers: { 'Content-Length': '5', ETag: '"abc"' } }
 */
export function encodeRestXmlResponse(
  model: ServiceModel,
  operation: string,
  output: Record<string, unknown> | undefined,
): RestXmlResponse {
  const op = model.operation(operation);
  if (!op) throw new Error(`${model.service} model has no operation ${operation}`);
  const response: RestXmlResponse = { status: op.http.responseCode ?? 200, headers: {} };
  if (!op.output || !output) return response;
  const shape = model.structure(op.output);
  writeHttpMembers(model, shape, output, response);
  const encoded =
    shape.payload === undefined ? unboundBody(model, operation, shape, output) : payloadBody(model, shape, output);
  if (encoded === undefined || op.http.method.toUpperCase() === 'HEAD') return response;
  if (encoded.xml) response.headers['Content-Type'] = 'application/xml';
  response.body = encoded.body;
  return response;
}

function writeHttpMembers(
  model: ServiceModel,
  shape: StructureShape,
  output: Record<string, unknown>,
  response: RestXmlResponse,
): void {
  for (const [name, ref] of Object.entries(shape.members)) {
    const value = output[name];
    if (value === undefined || value === null) continue;
    const wireName = ref.locationName ?? name;
    if (ref.location === 'header') response.headers[wireName] = formatHeaderValue(model, ref, value);
    else if (ref.location === 'statusCode') response.status = Number(value);
    else if (ref.location === 'headers') {
      const valueRef = prefixMapValue(model, ref);
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item !== undefined && item !== null)
          response.headers[`${wireName}${key}`] = formatHeaderValue(model, valueRef, item);
      }
    }
  }
}

/** A body and whether iamd wrote it as XML (and so owns its content type). */
interface EncodedBody {
  readonly body: string | Uint8Array | Readable;
  readonly xml: boolean;
}

function payloadBody(
  model: ServiceModel,
  shape: StructureShape,
  output: Record<string, unknown>,
): EncodedBody | undefined {
  const name = shape.payload as string;
  const ref = shape.members[name];
  const value = output[name];
  if (!ref || value === undefined || value === null) return undefined;
  const target = model.resolve(ref);
  if (target.type === 'structure')
    return { body: xmlDocument(model, ref, ref.locationName ?? ref.shape, value), xml: true };
  return { body: value as string | Uint8Array | Readable, xml: false };
}

function unboundBody(
  model: ServiceModel,
  operation: string,
  shape: StructureShape,
  output: Record<string, unknown>,
): EncodedBody | undefined {
  if (!Object.values(shape.members).some((ref) => ref.location === undefined)) return undefined;
  const out: string[] = [XML_DECLARATION, `<${s3RootElement(operation)} xmlns="${S3_XML_NAMESPACE}">`];
  writeMembers(model, shape, output, S3_XML, out);
  out.push(`</${s3RootElement(operation)}>`);
  return { body: out.join(''), xml: true };
}

function xmlDocument(model: ServiceModel, ref: ShapeRef, root: string, value: unknown): string {
  const out: string[] = [XML_DECLARATION];
  writeElement(model, ref, root, value, S3_XML, out, ` xmlns="${S3_XML_NAMESPACE}"`);
  return out.join('');
}

function prefixMapValue(model: ServiceModel, ref: ShapeRef): ShapeRef {
  const map = model.resolve(ref);
  return map.type === 'map' ? map.value : ref;
}

/**
 * @module protocols/rest-xml/decode-request
 * Decodes an S3 (REST-XML) request into the operation's input, member by member from the model:
 * `location: uri` (Bucket, Key: already percent-decoded by the caller), `querystring`, `header`
 * (case-insensitive), `headers` (a prefix map such as `x-amz-meta-`), and the `payload` member. A structure
 * payload is parsed from the XML body; a streaming blob payload is left for the caller to stream and is not
 * part of the result.
 */
import { AwsError } from '../../core/errors.js';
import type { ShapeRef, StructureShape } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { parseXmlDocument, readShape } from '../xml/index.js';
import { parseHttpValue } from './http-values.js';

/** A header map as node:http provides it (names may be in any case; repeated headers may be arrays). */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The parts of an S3 request the decoder reads. */
export interface RestXmlRequest {
  readonly bucket?: string;
  readonly key?: string;
  readonly query: URLSearchParams;
  readonly headers: HeaderMap;
  readonly body?: Uint8Array;
}

/**
 * Decodes `req` as the input of `operation`. Throws `InvalidArgument` for a missing required member or an
 * unparsable header/query value and `MalformedXML` for a bad or missing XML payload.
 *
 * @example
 * decodeRestXmlRequest(s3, 'PutObject', {
 *   bucket: 'b', key: 'k', query: new URLSearchParams(),
 *   headers: { 'content-type': 'text/plain', 'x-amz-meta-color': 'blue' },
 * }); // { Bucket: 'b', Key: 'k', ContentType: 'text/plain', Metadata: { color: 'blue' } }
 */
export function decodeRestXmlRequest(
  model: ServiceModel,
  operation: string,
  req: RestXmlRequest,
): Record<string, unknown> {
  const op = model.operation(operation);
  if (!op) throw new Error(`${model.service} model has no operation ${operation}`);
  if (!op.input) return {};
  const shape = model.structure(op.input);
  const headers = lowerCaseHeaders(req.headers);
  const input: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members)) {
    const value =
      name === shape.payload ? decodePayload(model, ref, req.body) : decodeLocated(model, ref, name, req, headers);
    if (value !== undefined) input[name] = value;
  }
  if (shape.payload === undefined) Object.assign(input, decodeUnboundBody(model, op.input, shape, req.body));
  checkRequired(shape, input);
  return input;
}

function decodeLocated(
  model: ServiceModel,
  ref: ShapeRef,
  name: string,
  req: RestXmlRequest,
  headers: ReadonlyMap<string, string>,
): unknown {
  const wireName = ref.locationName ?? name;
  switch (ref.location) {
    case 'uri':
      return wireName === 'Bucket' ? req.bucket : wireName === 'Key' ? req.key : undefined;
    case 'querystring': {
      if (model.resolve(ref).type === 'list') {
        const all = req.query.getAll(wireName);
        return all.length === 0 ? undefined : all;
      }
      const text = req.query.get(wireName);
      return text === null ? undefined : parseHttpValue(model, ref, wireName, text);
    }
    case 'header': {
      const text = headers.get(wireName.toLowerCase());
      return text === undefined ? undefined : parseHttpValue(model, ref, wireName, text);
    }
    case 'headers': {
      const prefix = wireName.toLowerCase();
      const map: Record<string, string> = {};
      for (const [header, text] of headers) if (header.startsWith(prefix)) map[header.slice(prefix.length)] = text;
      return Object.keys(map).length === 0 ? undefined : map;
    }
    default:
      return undefined;
  }
}

function decodePayload(model: ServiceModel, ref: ShapeRef, body: Uint8Array | undefined): unknown {
  const target = model.resolve(ref);
  if (target.type === 'structure') {
    if (!body || body.length === 0) return undefined;
    return readShape(model, ref, parseXmlDocument(body));
  }
  // A streaming payload (PutObject's Body) is consumed by the caller, never buffered here.
  if (ref.streaming || (target.type === 'blob' && target.streaming)) return undefined;
  if (!body) return undefined;
  return target.type === 'string' ? new TextDecoder().decode(body) : body;
}

/** REST-XML operations without a `payload` send their unlocated members as one XML document. */
function decodeUnboundBody(
  model: ServiceModel,
  inputRef: ShapeRef,
  shape: StructureShape,
  body: Uint8Array | undefined,
): Record<string, unknown> {
  const hasBodyMembers = Object.values(shape.members).some((ref) => ref.location === undefined);
  if (!hasBodyMembers || !body || body.length === 0) return {};
  return readShape(model, inputRef, parseXmlDocument(body)) as Record<string, unknown>;
}

function checkRequired(shape: StructureShape, input: Record<string, unknown>): void {
  for (const name of shape.required ?? []) {
    if (input[name] !== undefined) continue;
    if (name === shape.payload) throw new AwsError('MalformedXML');
    const ref = shape.members[name];
    const wireName = ref?.locationName ?? name;
    const where =
      ref?.location === 'header' ? 'header' : ref?.location === 'querystring' ? 'query parameter' : 'parameter';
    throw new AwsError('InvalidArgument', `Missing required ${where}: ${wireName}`);
  }
}

function lowerCaseHeaders(headers: HeaderMap): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), typeof value === 'string' ? value : value.join(', '));
  }
  return map;
}

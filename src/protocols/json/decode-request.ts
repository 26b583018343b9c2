/**
 * @module protocols/json/decode-request
 * The awsJson1_1 request body (WIRE.md; botocore `JSONSerializer`): one JSON object whose members are the input
 * shape's, timestamps as epoch seconds (or ISO 8601 text). A body that is not JSON of the model's types is refused
 * with `SerializationException`, as AWS's JSON front end does; constraint checks are the operation's, which
 * answers with the service's own modelled errors.
 */

import { AwsError } from '../../core/errors.js';
import type { ShapeRef } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';

function typeError(path: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type at '${path}'.`);
}

function decodeTimestamp(value: unknown, path: string): Date {
  const date =
    typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) throw typeError(path);
  return date;
}

function decodeValue(model: ServiceModel, ref: ShapeRef, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = model.resolve(ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) throw typeError(path);
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const decoded = decodeValue(model, member, (value as Record<string, unknown>)[name], `${path}.${name}`);
        if (decoded !== undefined) out[name] = decoded;
      }
      return out;
    }
    case 'list':
      if (!Array.isArray(value)) throw typeError(path);
      return value.map((item, i) => decodeValue(model, shape.member, item, `${path}[${i}]`));
    case 'timestamp':
      return decodeTimestamp(value, path);
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(path);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(path);
      return value;
    case 'string':
      if (typeof value !== 'string') throw typeError(path);
      return value;
    default:
      return value;
  }
}

/**
 * Decodes the JSON body of `operation`.
 *
 * @example
 * decodeJsonRequest(cloudtrail, 'LookupEvents', Buffer.from('{"MaxResults":5}')); // { MaxResults: 5 }
 */
export function decodeJsonRequest(model: ServiceModel, operation: string, body: Buffer): Record<string, unknown> {
  const input = model.operation(operation)?.input;
  let parsed: unknown = {};
  if (body.length > 0) {
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AwsError('SerializationException', 'The request body is not valid JSON.');
    }
  }
  if (!input) return {};
  return (decodeValue(model, input, parsed, operation) ?? {}) as Record<string, unknown>;
}

/**
 * @module protocols/rest-xml/http-values
 * Scalars in HTTP headers and query strings (botocore `RestXMLSerializer._convert_header_value` and
 * `RestXMLParser._handle_header_value` are the two sides this mirrors): timestamps in headers default to the
 * RFC 7231 date (`Thu, 01 Jan 2026 00:00:00 GMT`), in query strings to ISO-8601; lists in headers are
 * comma-separated; booleans are `true`/`false`. Unparsable dates read as absent.
 */
import { AwsError } from '../../core/errors.js';
import type { ShapeRef } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { parseTimestamp } from '../timestamps.js';
import { scalarText } from '../xml/index.js';

const INTEGER = /^[+-]?\d+$/;

/**
 * Parses a header or query-string value as the shape of `ref`. `name` is the wire name, used in the
 * `InvalidArgument` message (values are never echoed: some headers carry keys).
 */
export function parseHttpValue(model: ServiceModel, ref: ShapeRef, name: string, text: string): unknown {
  const shape = model.resolve(ref);
  const invalid = (): never => {
    throw new AwsError('InvalidArgument', `Invalid value for ${name}`);
  };
  switch (shape.type) {
    case 'integer':
    case 'long': {
      const trimmed = text.trim();
      const number = Number(trimmed);
      return INTEGER.test(trimmed) && Number.isSafeInteger(number) ? number : invalid();
    }
    case 'float':
    case 'double': {
      const number = text.trim() === '' ? Number.NaN : Number(text);
      return Number.isFinite(number) ? number : invalid();
    }
    case 'boolean': {
      const lowered = text.trim().toLowerCase();
      return lowered === 'true' || lowered === 'false' ? lowered === 'true' : invalid();
    }
    case 'timestamp':
      // RFC 9110 §13.1.3: an invalid If-Modified-Since date is ignored, not an error; S3 treats `Expires` alike.
      return parseTimestamp(text);
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => parseHttpValue(model, shape.member, name, item));
    case 'blob':
      return new Uint8Array(Buffer.from(text, 'base64'));
    default:
      return text;
  }
}

/** Formats an output member for a response header. */
export function formatHeaderValue(model: ServiceModel, ref: ShapeRef, value: unknown): string {
  const shape = model.resolve(ref);
  if (shape.type === 'list' && Array.isArray(value)) {
    return value.map((item) => formatHeaderValue(model, shape.member, item)).join(', ');
  }
  return scalarText(model, ref, value, { timestamps: 'rfc822' });
}

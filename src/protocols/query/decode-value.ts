/**
 * @module protocols/query/decode-value
 * Reads awsQuery parameters into typed values by walking the model (botocore `QuerySerializer` is the encoder
 * this mirrors): structure members by name, lists as `X.member.N` (`X.N` when flattened), maps as
 * `X.entry.N.key/value`, an empty value (`Tags=`) as an empty list, and scalars parsed per shape type.
 *
 * AWS accepts `+900` and `0900` for integers and rejects `900.0` and values outside 32 bits (observed on
 * STS `DurationSeconds`). AWS answers those with `MalformedInput`, a code the error registry does not have yet,
 * so they are reported as validation violations (`Member must be an integer`).
 */
import type { ShapeRef } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { parseTimestamp } from '../timestamps.js';
import { indexedChildren, type ParamNode } from './param-tree.js';
import { memberPath, type Violation } from './violations.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const INT_RANGE = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const LONG_RANGE = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** Whether a value of this member may be echoed in an error message. */
export function isSensitive(model: ServiceModel, ref: ShapeRef): boolean {
  return ref.sensitive === true || model.resolve(ref).sensitive === true;
}

/**
 * Decodes the parameters under `node` as the shape `ref` points to. Returns `undefined` when nothing was sent.
 * Unparsable scalars are added to `problems` (with `path` as AWS prints it) and decode as `undefined`.
 */
export function decodeQueryValue(
  model: ServiceModel,
  ref: ShapeRef,
  node: ParamNode | undefined,
  path: string,
  problems: Violation[],
): unknown {
  if (!node) return undefined;
  const shape = model.resolve(ref);
  switch (shape.type) {
    case 'structure': {
      const result: Record<string, unknown> = {};
      for (const [name, member] of model.members(shape)) {
        const child = node.children.get(member.locationName ?? name);
        // Most members of a request are absent: their path is only built for a member that is there.
        if (!child) continue;
        const value = decodeQueryValue(model, member, child, memberPath(path, name), problems);
        if (value !== undefined) result[name] = value;
      }
      return result;
    }
    case 'list': {
      const container = shape.flattened ? node : node.children.get(shape.member.locationName ?? 'member');
      const items = indexedChildren(container);
      if (items.length === 0) return node.value === '' || container ? [] : undefined;
      return items.map((item, i) => decodeQueryValue(model, shape.member, item, `${path}.${i + 1}.member`, problems));
    }
    case 'map': {
      const entries = indexedChildren(shape.flattened ? node : node.children.get('entry'));
      if (entries.length === 0) return node.value === '' ? {} : undefined;
      const result: Record<string, unknown> = {};
      entries.forEach((entry, i) => {
        const key = entry.children.get(shape.key.locationName ?? 'key')?.value;
        const valueNode = entry.children.get(shape.value.locationName ?? 'value');
        if (key === undefined) return;
        result[key] = decodeQueryValue(model, shape.value, valueNode, `${path}.entry.${i + 1}.value`, problems);
      });
      return result;
    }
    default:
      return node.value === undefined ? undefined : decodeScalar(model, ref, node.value, path, problems);
  }
}

function decodeScalar(model: ServiceModel, ref: ShapeRef, text: string, path: string, problems: Violation[]): unknown {
  const shape = model.resolve(ref);
  const fail = (constraint: string): undefined => {
    problems.push({ path, shown: isSensitive(model, ref) ? undefined : text, constraint });
    return undefined;
  };
  switch (shape.type) {
    case 'integer':
    case 'long': {
      const range = shape.type === 'integer' ? INT_RANGE : LONG_RANGE;
      if (!INTEGER.test(text)) return fail('Member must be an integer');
      const big = BigInt(text.replace(/^\+/, ''));
      return big < range.min || big > range.max ? fail('Member must be an integer') : Number(big);
    }
    case 'float':
    case 'double':
      return DECIMAL.test(text) ? Number(text) : fail('Member must be a number');
    case 'boolean': {
      const lowered = text.toLowerCase();
      return lowered === 'true' || lowered === 'false' ? lowered === 'true' : fail('Member must be a boolean');
    }
    case 'timestamp':
      return parseTimestamp(text) ?? fail('Member must be a timestamp');
    case 'blob':
      return BASE64.test(text)
        ? new Uint8Array(Buffer.from(text, 'base64'))
        : fail('Member must be base64-encoded binary data');
    default:
      return text;
  }
}

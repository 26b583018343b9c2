/**
 * @module protocols/ec2/decode-request
 * Decodes an EC2 query request (the `ec2` protocol: form parameters like awsQuery, with EC2's own naming). The
 * rules mirror botocore's `EC2Serializer`, which writes them: a member is named by its `queryName`, else its
 * `locationName` with the first letter upper-cased, else its member name; lists are `Name.N` with no `.member`
 * segment, whatever the list's member is called. Required members that are missing fail with EC2's
 * `MissingParameter` ("The request must contain the parameter …"), unparsable scalars with `InvalidParameterValue`.
 */

import { AwsError } from '../../core/errors.js';
import type { ShapeRef, StructureShape } from '../model-types.js';
import { buildParamTree, indexedChildren, type ParamNode } from '../query/param-tree.js';
import type { ServiceModel } from '../service-model.js';
import { parseTimestamp } from '../timestamps.js';

/** The EC2 wire name of a structure member (botocore `EC2Serializer._get_serialized_name`). */
export function ec2MemberName(name: string, ref: ShapeRef & { queryName?: string }): string {
  if (ref.queryName !== undefined) return ref.queryName;
  if (ref.locationName !== undefined) return ref.locationName.charAt(0).toUpperCase() + ref.locationName.slice(1);
  return name;
}

function invalid(path: string, text: string, kind: string): AwsError {
  return new AwsError(
    'InvalidParameterValue',
    `Value (${text}) for parameter ${path} is invalid. Expected: '${kind}'.`,
  );
}

function decodeScalar(model: ServiceModel, ref: ShapeRef, text: string, path: string): unknown {
  const shape = model.resolve(ref);
  switch (shape.type) {
    case 'integer':
    case 'long':
      if (!/^[+-]?\d+$/.test(text)) throw invalid(path, text, 'Integer');
      return Number(text);
    case 'float':
    case 'double':
      if (Number.isNaN(Number(text)) || text.trim() === '') throw invalid(path, text, 'Number');
      return Number(text);
    case 'boolean': {
      const lowered = text.toLowerCase();
      if (lowered !== 'true' && lowered !== 'false') throw invalid(path, text, 'Boolean');
      return lowered === 'true';
    }
    case 'timestamp': {
      const date = parseTimestamp(text);
      if (!date) throw invalid(path, text, 'Timestamp');
      return date;
    }
    case 'blob':
      return new Uint8Array(Buffer.from(text, 'base64'));
    default:
      return text;
  }
}

function decodeValue(model: ServiceModel, ref: ShapeRef, node: ParamNode | undefined, path: string): unknown {
  if (!node) return undefined;
  const shape = model.resolve(ref);
  if (shape.type === 'structure') return decodeStructure(model, shape, node, path);
  if (shape.type === 'list') {
    const items = indexedChildren(node);
    if (items.length === 0) return node.value === '' ? [] : undefined;
    return items.map((item, i) => decodeValue(model, shape.member, item, `${path}.${i + 1}`));
  }
  if (shape.type === 'map') return undefined;
  return node.value === undefined ? undefined : decodeScalar(model, ref, node.value, path);
}

function decodeStructure(
  model: ServiceModel,
  shape: StructureShape,
  node: ParamNode,
  path: string,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const wire = ec2MemberName(name, member);
    const value = decodeValue(model, member, node.children.get(wire), path === '' ? wire : `${path}.${wire}`);
    if (value !== undefined) result[name] = value;
  }
  for (const required of shape.required ?? []) {
    if (result[required] === undefined) {
      const member = shape.members[required];
      const wire = member ? ec2MemberName(required, member) : required;
      throw new AwsError(
        'MissingParameter',
        `The request must contain the parameter ${path === '' ? wire : `${path}.${wire}`}`,
      );
    }
  }
  return result;
}

/**
 * Decodes the parameters of `operation`. `Action` and `Version` are checked by the caller.
 *
 * @example
 * const ec2 = loadServiceModel('ec2');
 * decodeEc2Request(ec2, 'DescribeInstances', new URLSearchParams('InstanceId.1=i-0123456789abcdef0'));
 * // { InstanceIds: ['i-0123456789abcdef0'] }
 */
export function decodeEc2Request(
  model: ServiceModel,
  operation: string,
  params: URLSearchParams,
): Record<string, unknown> {
  const op = model.operation(operation);
  if (!op?.input) return {};
  return decodeStructure(model, model.structure(op.input), buildParamTree(params), '');
}

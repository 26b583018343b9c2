/**
 * @module protocols/query/validate
 * Checks a decoded input against the model's constraint traits, collecting every violation the way AWS's
 * Query front end does: `required` ("Member must not be null"), `pattern`, `min`/`max` (string length in code
 * points, list and map sizes, blob bytes, numeric ranges) and `enum`.
 *
 * Order within one member follows what STS returns for an empty `RoleArn`: the pattern violation first, then
 * the length one. Strings are measured in code points (STS accepts 2048 astral characters in a 2048-long ARN).
 */
import type { ShapeRef, StructureShape } from '../model-types.js';
import type { ServiceModel } from '../service-model.js';
import { formatTimestamp } from '../timestamps.js';
import { isSensitive } from './decode-value.js';
import { memberPath, type Violation } from './violations.js';

/** Validates the members of a structure value (the operation input, or a nested structure). */
export function validateStructure(
  model: ServiceModel,
  shape: StructureShape,
  value: Readonly<Record<string, unknown>>,
  path: string,
  out: Violation[],
): void {
  const required = shape.required ?? [];
  for (const [name, member] of model.members(shape)) {
    const memberValue = value[name];
    if (memberValue === undefined) {
      if (required.includes(name)) {
        out.push({ path: memberPath(path, name), shown: null, constraint: 'Member must not be null' });
      }
      continue;
    }
    validateValue(model, member, memberValue, memberPath(path, name), out);
  }
}

/** Validates one value of the shape `ref` points to, appending to `out`. */
export function validateValue(
  model: ServiceModel,
  ref: ShapeRef,
  value: unknown,
  path: string,
  out: Violation[],
): void {
  if (value === undefined || value === null) return;
  const shape = model.resolve(ref);
  const push = (constraint: string): void => {
    out.push({ path, shown: isSensitive(model, ref) ? undefined : display(value), constraint });
  };
  switch (shape.type) {
    case 'structure':
      validateStructure(model, shape, value as Record<string, unknown>, path, out);
      return;
    case 'list': {
      const items = value as readonly unknown[];
      checkLength(items.length, shape.min, shape.max, push);
      items.forEach((item, i) => {
        validateValue(model, shape.member, item, `${path}.${i + 1}.member`, out);
      });
      return;
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(entries.length, shape.min, shape.max, push);
      entries.forEach(([key, item], i) => {
        validateValue(model, shape.key, key, `${path}.entry.${i + 1}.key`, out);
        validateValue(model, shape.value, item, `${path}.entry.${i + 1}.value`, out);
      });
      return;
    }
    case 'string': {
      const text = value as string;
      if (shape.pattern !== undefined && !model.pattern(shape.pattern).test(text))
        push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      checkLength(codePointLength(text), shape.min, shape.max, push);
      if (shape.enum && !shape.enum.includes(text))
        push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      return;
    }
    case 'blob':
      checkLength((value as Uint8Array).length, shape.min, shape.max, push);
      return;
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const number = value as number;
      if (shape.min !== undefined && number < shape.min)
        push(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && number > shape.max)
        push(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    default:
      return;
  }
}

function checkLength(length: number, min: number | undefined, max: number | undefined, push: (c: string) => void) {
  if (min !== undefined && length < min) push(`Member must have length greater than or equal to ${min}`);
  if (max !== undefined && length > max) push(`Member must have length less than or equal to ${max}`);
}

const SURROGATE = /[\uD800-\uDFFF]/;

function codePointLength(text: string): number {
  // Without surrogates every UTF-16 unit is a code point (the common case, counted without iterating).
  if (!SURROGATE.test(text)) return text.length;
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** How AWS prints a value: scalars as text, lists of scalars as `[a, b]`, anything else hidden. */
function display(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return formatTimestamp(value, 'iso8601-seconds');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number'))
    return `[${value.join(', ')}]`;
  return undefined;
}

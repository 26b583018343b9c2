/**
 * @module core/audit/parameters
 * `requestParameters` and `responseElements` from an operation's decoded input and output, in CloudTrail's
 * spelling (member names with their first letter lower-cased, dates as `May 13, 2021, 7:55:05 PM`), with every
 * secret removed. CloudTrail itself records the `sessionToken` of AssumeRole responses; iamd does not: no record
 * holds anything that authenticates (docs/audit.md, "What is never recorded").
 */

import { perSecond } from '../time-text.js';
import type { JsonPieces } from './json-pieces.js';
import { jsonString } from './json-string.js';

/**
 * Members never recorded, wherever they appear: secret keys, session tokens, passwords, MFA codes, SAML assertions
 * and web identity tokens, key material, and payloads (object bodies, encoded authorization messages).
 */
const OMITTED = new Set(
  [
    'SecretAccessKey',
    'SessionToken',
    'Password',
    'NewPassword',
    'OldPassword',
    'TokenCode',
    'AuthenticationCode1',
    'AuthenticationCode2',
    'SAMLAssertion',
    'WebIdentityToken',
    'Base32StringSeed',
    'QRCodePNG',
    'PrivateKey',
    'ServicePassword',
    'ServiceCredentialSecret',
    'SSECustomerKey',
    'CopySourceSSECustomerKey',
    'SSEKMSEncryptionContext',
    'ContextAssertion',
    'ProvidedContexts',
    'EncodedMessage',
    'DecodedMessage',
    'Body',
  ].map((name) => name.toLowerCase()),
);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * CloudTrail's date form inside request and response elements (Java's medium format, UTC).
 *
 * @example
 * elementDate(new Date('2021-05-13T19:55:05Z')); // 'May 13, 2021, 7:55:05 PM'
 */
export function elementDate(date: Date): string {
  const hours = date.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${twelve}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** Lower-cases the first letter, as CloudTrail names members (`RoleArn` → `roleArn`, `SAMLAssertionID` → `sAMLAssertionID`). */
export function elementName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function isPayload(value: object): boolean {
  return value instanceof Uint8Array || typeof (value as { pipe?: unknown }).pipe === 'function';
}

/** A recorded member's key as JSON, opening its object (`{"roleArn":`) or following another member (`,"roleArn":`). */
interface RecordedKey {
  readonly first: string;
  readonly next: string;
}

/**
 * Each member name's recorded key, or `null` when it is never recorded. Member names come from the service models,
 * so the map stays small; it stops growing at a bound all the same, whatever a request carries.
 */
const RECORDED_KEYS = new Map<string, RecordedKey | null>();
const RECORDED_KEYS_BOUND = 4096;

function recordedKey(member: string): RecordedKey | null {
  const known = RECORDED_KEYS.get(member);
  if (known !== undefined) return known;
  const name = jsonString(elementName(member));
  const key = OMITTED.has(member.toLowerCase()) ? null : { first: `{${name}:`, next: `,${name}:` };
  if (RECORDED_KEYS.size < RECORDED_KEYS_BOUND) RECORDED_KEYS.set(member, key);
  return key;
}

/** A date as a JSON string in CloudTrail's element form (to the second: sessions issued in one second share it). */
const dateJson = perSecond((date) => `"${elementDate(date)}"`);

/** Whether anything is recorded for a value: not for absent ones, payloads, functions or symbols. */
function isRecorded(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const type = typeof value;
  if (type === 'function' || type === 'symbol') return false;
  return type !== 'object' || !isPayload(value as object);
}

/** Appends a recorded value's JSON (`isRecorded(value)` holds). */
function writeValue(value: unknown, out: JsonPieces): void {
  switch (typeof value) {
    case 'string':
      out.addString(value);
      return;
    case 'number':
      // As JSON.stringify writes numbers: NaN and the infinities as null.
      out.add(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'boolean':
      out.add(value ? 'true' : 'false');
      return;
    case 'object': {
      if (value instanceof Date) {
        out.add(dateJson(value));
        return;
      }
      if (Array.isArray(value)) {
        out.add('[');
        let first = true;
        for (const item of value) {
          if (!isRecorded(item)) continue;
          if (!first) out.add(',');
          writeValue(item, out);
          first = false;
        }
        out.add(']');
        return;
      }
      if (!writeStructure(value as Readonly<Record<string, unknown>>, out)) out.add('{}');
      return;
    }
    default:
      // A bigint: JSON.stringify refuses it, and so does the record.
      out.add(JSON.stringify(value));
  }
}

/**
 * Appends a structure's recorded members. The first opens the object (`{"name":`) unless it is `open` already (after
 * leading members), the others follow with a comma; returns whether the object is open afterwards.
 */
function writeMembers(value: Readonly<Record<string, unknown>>, out: JsonPieces, open: boolean): boolean {
  // `for…in` rather than Object.keys, which makes an array per structure: decoded inputs and outputs are plain
  // objects, whose enumerable keys are their own.
  for (const member in value) {
    const key = recordedKey(member);
    if (key === null) continue;
    const item = value[member];
    if (!isRecorded(item)) continue;
    out.add(open ? key.next : key.first);
    writeValue(item, out);
    open = true;
  }
  return open;
}

/** Appends a structure's recorded members as a JSON object; false, appending nothing, when none is recorded. */
function writeStructure(value: Readonly<Record<string, unknown>>, out: JsonPieces): boolean {
  if (!writeMembers(value, out, false)) return false;
  out.add('}');
  return true;
}

/**
 * Appends the recorded form of a decoded input or output to `out`, the pieces of a record's JSON: written piece by
 * piece rather than built as a tree and serialised (an audit record takes two per request), and `null` when there
 * is nothing to record. Members before `value`'s own can be given as `leading` (recorded names and values, in
 * order).
 *
 * @example
 * const out = new JsonPieces();
 * out.start();
 * writeElements({ RoleArn: 'arn:aws:iam::1:role/r', TokenCode: '123456' }, out);
 * out.join(); // '{"roleArn":"arn:aws:iam::1:role/r"}'
 */
export function writeElements(
  value: unknown,
  out: JsonPieces,
  leading: readonly (readonly [string, unknown])[] = [],
): void {
  let open = false;
  for (const [name, member] of leading) {
    if (!isRecorded(member)) continue;
    out.add(open ? ',' : '{');
    out.addString(name);
    out.add(':');
    writeValue(member, out);
    open = true;
  }
  if (value !== null && typeof value === 'object' && !isPayload(value)) {
    open = writeMembers(value as Readonly<Record<string, unknown>>, out, open);
  }
  out.add(open ? '}' : 'null');
}

/** True when a member of this name is never recorded (used by the tests that scan sinks). */
export function isOmittedMember(name: string): boolean {
  return OMITTED.has(name.toLowerCase());
}

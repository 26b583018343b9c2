/**
 * @module core/audit/parameters
 * `requestParameters` and `responseElements` from an operation's decoded input and output, in CloudTrail's
 * spelling (member names with their first letter lower-cased, dates as `May 13, 2021, 7:55:05 PM`), with every
 * secret removed. CloudTrail itself records the `sessionToken` of AssumeRole responses; iamd does not: no record
 * holds anything that authenticates (docs/audit.md, "What is never recorded").
 */

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

/**
 * Each member name's recorded key as JSON (`"roleArn":`), or `null` when it is never recorded. Member names come
 * from the service models, so the map stays small; it stops growing at a bound all the same, whatever a request
 * carries.
 */
const RECORDED_KEYS = new Map<string, string | null>();
const RECORDED_KEYS_BOUND = 4096;

function recordedKey(member: string): string | null {
  const known = RECORDED_KEYS.get(member);
  if (known !== undefined) return known;
  const key = OMITTED.has(member.toLowerCase()) ? null : `${jsonString(elementName(member))}:`;
  if (RECORDED_KEYS.size < RECORDED_KEYS_BOUND) RECORDED_KEYS.set(member, key);
  return key;
}

/** The last date formatted: the expirations of sessions issued in one second share it. */
let lastDateMs = Number.NaN;
let lastDateJson = '';

function dateJson(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastDateMs) {
    lastDateJson = `"${elementDate(date)}"`;
    lastDateMs = ms;
  }
  return lastDateJson;
}

/** A value's recorded JSON, or `undefined` when nothing is recorded for it (absent, a payload, a secret's parent). */
function valueJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'number':
      // As JSON.stringify writes numbers: NaN and the infinities as null.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return undefined;
      if (value instanceof Date) return dateJson(value);
      if (isPayload(value)) return undefined;
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (const item of value) {
          const json = valueJson(item);
          if (json !== undefined) items.push(json);
        }
        return `[${items.join(',')}]`;
      }
      return structureJson(value as Readonly<Record<string, unknown>>) ?? '{}';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      // A bigint: JSON.stringify refuses it, and so does the record.
      return JSON.stringify(value);
  }
}

/** A structure's recorded members as a JSON object, or `undefined` when none is recorded. */
function structureJson(value: Readonly<Record<string, unknown>>): string | undefined {
  let out: string | undefined;
  for (const member of Object.keys(value)) {
    const key = recordedKey(member);
    if (key === null) continue;
    const json = valueJson(value[member]);
    if (json === undefined) continue;
    out = out === undefined ? `{${key}${json}` : `${out},${key}${json}`;
  }
  return out === undefined ? undefined : `${out}}`;
}

/**
 * The recorded form of a decoded input or output as JSON, written directly rather than built as a tree and then
 * serialised (an audit record takes two per request): `null` when there is nothing to record. Members before
 * `value`'s own can be given as `leading` (already recorded names and values, in order).
 *
 * @example
 * elementsJson({ RoleArn: 'arn:aws:iam::1:role/r', TokenCode: '123456' }); // '{"roleArn":"arn:aws:iam::1:role/r"}'
 */
export function elementsJson(value: unknown, leading: readonly (readonly [string, unknown])[] = []): string | null {
  let head = '';
  for (const [name, member] of leading) {
    const json = valueJson(member);
    if (json !== undefined) head += `${head === '' ? '' : ','}${jsonString(name)}:${json}`;
  }
  const own =
    value !== null && typeof value === 'object' && !isPayload(value)
      ? structureJson(value as Readonly<Record<string, unknown>>)
      : undefined;
  if (own === undefined) return head === '' ? null : `{${head}}`;
  return head === '' ? own : `{${head},${own.slice(1)}`;
}

/** True when a member of this name is never recorded (used by the tests that scan sinks). */
export function isOmittedMember(name: string): boolean {
  return OMITTED.has(name.toLowerCase());
}

/**
 * @module core/audit/parameters
 * `requestParameters` and `responseElements` from an operation's decoded input and output, in CloudTrail's
 * spelling (member names with their first letter lower-cased, dates as `May 13, 2021, 7:55:05 PM`), with every
 * secret removed. CloudTrail itself records the `sessionToken` of AssumeRole responses; iamd does not: no record
 * holds anything that authenticates (docs/audit.md, "What is never recorded").
 */

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

function convert(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return elementDate(value);
  if (typeof value !== 'object') return value;
  if (isPayload(value)) return undefined;
  if (Array.isArray(value)) return value.map(convert).filter((item) => item !== undefined);
  return convertStructure(value as Readonly<Record<string, unknown>>);
}

/**
 * Each member name's recorded name, or `null` when it is never recorded. Member names come from the service models,
 * so the map stays small; it stops growing at a bound all the same, whatever a request carries.
 */
const RECORDED_NAMES = new Map<string, string | null>();
const RECORDED_NAMES_BOUND = 4096;

function recordedName(member: string): string | null {
  const known = RECORDED_NAMES.get(member);
  if (known !== undefined) return known;
  const name = OMITTED.has(member.toLowerCase()) ? null : elementName(member);
  if (RECORDED_NAMES.size < RECORDED_NAMES_BOUND) RECORDED_NAMES.set(member, name);
  return name;
}

function convertStructure(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of Object.keys(value)) {
    const name = recordedName(member);
    if (name === null) continue;
    const converted = convert(value[member]);
    if (converted !== undefined) out[name] = converted;
  }
  return out;
}

/**
 * The recorded form of a decoded input or output: `null` when there is nothing to record.
 *
 * @example
 * elementsOf({ RoleArn: 'arn:aws:iam::1:role/r', TokenCode: '123456' }); // { roleArn: 'arn:aws:iam::1:role/r' }
 */
export function elementsOf(value: unknown): Record<string, unknown> | null {
  if (value === null || typeof value !== 'object' || isPayload(value)) return null;
  const out = convertStructure(value as Readonly<Record<string, unknown>>);
  return Object.keys(out).length === 0 ? null : out;
}

/** True when a member of this name is never recorded (used by the tests that scan sinks). */
export function isOmittedMember(name: string): boolean {
  return OMITTED.has(name.toLowerCase());
}

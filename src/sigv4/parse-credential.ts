/**
 * @module sigv4/parse-credential
 * The `Credential` value: `<AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request`
 * (IAM User Guide, "Elements of an AWS API request signature"). Messages follow the wording IAM and STS return;
 * the scope's day and terminator failures carry the values S3's wording names.
 */
import { parseFailure } from './auth-parse-error.js';
import { SCOPE_TERMINATOR } from './signing.js';
import type { AuthParseError } from './types.js';

export interface Credential {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

const ACCESS_KEY_ID = /^[A-Za-z0-9]{1,128}$/;
const DATE = /^\d{8}$/;
/** Region and service names in AWS use these characters only; keeping to them keeps cache keys unambiguous. */
const SCOPE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Splits a credential and checks its shape, and that its day is the day of the request's `X-Amz-Date`.
 *
 * @example
 * parseCredential('AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request', '20150830T123600Z', 'header');
 * // { ok: true, credential: { accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'iam' } }
 */
export function parseCredential(
  text: string,
  amzDate: string,
  form: AuthParseError['form'],
): { ok: true; credential: Credential } | { ok: false; error: AuthParseError } {
  const malformed = (message: string) => parseFailure(form, 'MalformedCredential', message);
  const parts = text.split('/');
  if (parts.length !== 5) {
    return malformed(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${text}'`,
    );
  }
  const accessKeyId = parts[0]!;
  const date = parts[1]!;
  const region = parts[2]!;
  const service = parts[3]!;
  const terminator = parts[4]!;
  if (!ACCESS_KEY_ID.test(accessKeyId)) return malformed(`Invalid access key id in credential '${text}'.`);
  if (!DATE.test(date)) return malformed(`Invalid credential date "${date}". Date is not in the format yyyyMMdd.`);
  if (!SCOPE_NAME.test(region)) return malformed(`Credential should be scoped to a valid region, not '${region}'.`);
  if (!SCOPE_NAME.test(service)) return malformed(`Credential should be scoped to a valid service, not '${service}'.`);
  if (terminator !== SCOPE_TERMINATOR) {
    return parseFailure(
      form,
      'InvalidTerminator',
      `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'.`,
      { terminator },
    );
  }
  const requestDate = amzDate.slice(0, 8);
  if (date !== requestDate) {
    return parseFailure(
      form,
      'CredentialDateMismatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${requestDate}', from '${amzDate}'.`,
      { scopeDate: date, requestDate },
    );
  }
  return { ok: true, credential: { accessKeyId, date, region, service } };
}

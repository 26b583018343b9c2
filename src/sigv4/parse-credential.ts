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
  /** `date/region/service/aws4_request`: the rest of the `Credential` after the access key id. */
  readonly scope: string;
}

const ACCESS_KEY_ID = /^[A-Za-z0-9]{1,128}$/;
const DATE = /^\d{8}$/;
/** Region and service names in AWS use these characters only; keeping to them keeps cache keys unambiguous. */
const SCOPE_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** All of the above in one pass: the common case, checked with one match instead of a split and four tests. */
const WELL_FORMED = /^([A-Za-z0-9]{1,128})\/(\d{8})\/([A-Za-z0-9._-]{1,64})\/([A-Za-z0-9._-]{1,64})\/aws4_request$/;

function malformed(form: AuthParseError['form'], message: string): { ok: false; error: AuthParseError } {
  return parseFailure(form, 'MalformedCredential', message);
}

function dateMismatch(form: AuthParseError['form'], date: string, amzDate: string) {
  const requestDate = amzDate.slice(0, 8);
  return parseFailure(
    form,
    'CredentialDateMismatch',
    `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${requestDate}', from '${amzDate}'.`,
    { scopeDate: date, requestDate },
  );
}

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
  const match = WELL_FORMED.exec(text);
  if (match) {
    const [, accessKeyId = '', date = '', region = '', service = ''] = match;
    if (!amzDate.startsWith(date)) return dateMismatch(form, date, amzDate);
    // A slice of what the client sent rather than a rebuilt string: it is the scope the client signed with.
    const scope = text.slice(accessKeyId.length + 1);
    return { ok: true, credential: { accessKeyId, date, region, service, scope } };
  }
  // Not well formed: find the first element at fault, for AWS's message.
  const parts = text.split('/');
  if (parts.length !== 5) {
    return malformed(
      form,
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${text}'`,
    );
  }
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = parts;
  if (!ACCESS_KEY_ID.test(accessKeyId)) return malformed(form, `Invalid access key id in credential '${text}'.`);
  if (!DATE.test(date)) {
    return malformed(form, `Invalid credential date "${date}". Date is not in the format yyyyMMdd.`);
  }
  if (!SCOPE_NAME.test(region)) {
    return malformed(form, `Credential should be scoped to a valid region, not '${region}'.`);
  }
  if (!SCOPE_NAME.test(service)) {
    return malformed(form, `Credential should be scoped to a valid service, not '${service}'.`);
  }
  return parseFailure(
    form,
    'InvalidTerminator',
    `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'.`,
    { terminator },
  );
}

/**
 * @module sigv4/parse-credential
 * The `Credential` value: `<AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request`
 * (IAM User Guide, "Elements of an AWS API request signature"). Messages follow the wording AWS returns.
 */
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

function malformed(message: string): { ok: false; error: AuthParseError } {
  return { ok: false, error: { code: 'MalformedCredential', message } };
}

/**
 * Splits a credential and checks its shape, and that its day is the day of the request's `X-Amz-Date`.
 *
 * @example
 * parseCredential('AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request', '20150830T123600Z');
 * // { ok: true, credential: { accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'iam' } }
 */
export function parseCredential(
  text: string,
  amzDate: string,
): { ok: true; credential: Credential } | { ok: false; error: AuthParseError } {
  const parts = text.split('/');
  if (parts.length !== 5) {
    return malformed(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${text}'`,
    );
  }
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = parts;
  if (!ACCESS_KEY_ID.test(accessKeyId)) return malformed(`Invalid access key id in credential '${text}'.`);
  if (!DATE.test(date)) return malformed(`Invalid credential date "${date}". Date is not in the format yyyyMMdd.`);
  if (date !== amzDate.slice(0, 8)) {
    return malformed(
      `Invalid credential date "${date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  if (!SCOPE_NAME.test(region)) return malformed(`Credential should be scoped to a valid region, not '${region}'.`);
  if (!SCOPE_NAME.test(service)) return malformed(`Credential should be scoped to a valid service, not '${service}'.`);
  if (terminator !== SCOPE_TERMINATOR) {
    return malformed(
      `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'.`,
    );
  }
  return { ok: true, credential: { accessKeyId, date, region, service } };
}

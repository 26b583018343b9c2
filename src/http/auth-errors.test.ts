import { describe, expect, it } from 'vitest';
import { s3ErrorOf } from '../core/errors.js';
import type { AuthParseError, ParsedAuthorization, VerifyFailure } from '../sigv4/index.js';
import { parseErrorOf, S3DetailedError, scopeServiceError, verifyErrorOf } from './auth-errors.js';

const s3 = (error: ReturnType<typeof parseErrorOf>) => {
  const { code, message } = s3ErrorOf(error);
  return { code, message };
};

const auth: ParsedAuthorization = {
  kind: 'header',
  accessKeyId: 'AKIDEXAMPLE',
  date: '20150830',
  region: 'us-east-1',
  service: 's3',
  scope: '20150830/us-east-1/s3/aws4_request',
  signedHeaders: ['host', 'x-amz-date'],
  signedHeadersValue: 'host;x-amz-date',
  signature: 'ab'.repeat(32),
  amzDate: '20150830T123600Z',
  requestTime: new Date('2015-08-30T12:36:00Z'),
};

const failure = (reason: VerifyFailure['reason']): VerifyFailure => ({
  ok: false,
  reason,
  canonicalRequest: 'GET\n/',
  stringToSign: 'AWS4',
  message: 'Signature expired: …',
});

describe('parseErrorOf', () => {
  const error = (code: AuthParseError['code'], form: AuthParseError['form'], detail?: AuthParseError['detail']) =>
    ({ code, form, message: `query message for ${code}`, ...(detail ? { detail } : {}) }) as AuthParseError;

  it.each([
    ['MalformedCredential', 'header', undefined, 'AuthorizationHeaderMalformed', /the Credential is mal-formed/],
    [
      'MalformedCredential',
      'query',
      undefined,
      'AuthorizationQueryParametersError',
      /^Error parsing the X-Amz-Credential/,
    ],
    [
      'CredentialDateMismatch',
      'query',
      { scopeDate: '20150831', requestDate: '20150830' },
      'AuthorizationQueryParametersError',
      /^Invalid credential date "20150831". This date is not the same as X-Amz-Date: "20150830".$/,
    ],
    ['InvalidTerminator', 'header', { terminator: 'x' }, 'AuthorizationHeaderMalformed', /incorrect terminal "x"/],
    ['MissingDate', 'header', undefined, 'AccessDenied', /valid Date or x-amz-date header/],
    ['UnsupportedAlgorithm', 'header', undefined, 'InvalidArgument', /^Unsupported Authorization Type$/],
    ['SigV2', 'header', undefined, 'InvalidRequest', /query message for SigV2/],
    ['SigV4A', 'query', undefined, 'AuthorizationQueryParametersError', /query message for SigV4A/],
    ['InvalidDate', 'query', undefined, 'AuthorizationQueryParametersError', /ISO8601 Long Format/],
    ['IncompleteSignature', 'header', undefined, 'AuthorizationHeaderMalformed', /requires three components/],
  ] as const)('S3: %s (%s) → %s', (code, form, detail, s3Code, message) => {
    const rendered = s3(parseErrorOf(error(code, form, detail), 's3'));
    expect(rendered.code).toBe(s3Code);
    expect(rendered.message).toMatch(message);
  });

  it('Query: scope mismatches are SignatureDoesNotMatch, everything else IncompleteSignature, with the message', () => {
    expect(parseErrorOf(error('CredentialDateMismatch', 'header'), 'query')).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: 'query message for CredentialDateMismatch',
    });
    expect(parseErrorOf(error('SigV4A', 'header'), 'query').code).toBe('IncompleteSignature');
  });
});

describe('scopeServiceError', () => {
  it('checks only when the endpoint names its service', () => {
    expect(scopeServiceError(auth, undefined, 'query')).toBeUndefined();
    expect(scopeServiceError(auth, 's3', 's3')).toBeUndefined();
  });

  it('words a mismatch as each service does', () => {
    expect(s3(scopeServiceError({ ...auth, service: 'iam' }, 's3', 's3')!)).toEqual({
      code: 'AuthorizationHeaderMalformed',
      message: 'The authorization header is malformed; incorrect service "iam". This endpoint belongs to "s3".',
    });
    expect(s3(scopeServiceError({ ...auth, kind: 'query', service: 'iam' }, 's3', 's3')!).code).toBe(
      'AuthorizationQueryParametersError',
    );
    expect(scopeServiceError({ ...auth, service: 'iam' }, 'sts', 'query')).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to correct service: 'sts'.",
    });
  });
});

describe('verifyErrorOf', () => {
  const now = new Date('2015-08-30T13:00:00Z');

  it('gives S3 signature mismatches their diagnostics, Query ones the plain error', () => {
    const error = verifyErrorOf(failure('SignatureDoesNotMatch'), auth, 's3', now) as S3DetailedError;
    expect(error).toBeInstanceOf(S3DetailedError);
    expect(Object.fromEntries(error.details)).toEqual({
      AWSAccessKeyId: 'AKIDEXAMPLE',
      StringToSign: 'AWS4',
      SignatureProvided: auth.signature,
      StringToSignBytes: '41 57 53 34',
      CanonicalRequest: 'GET\n/',
      CanonicalRequestBytes: '47 45 54 0a 2f',
    });
    expect(verifyErrorOf(failure('SignatureDoesNotMatch'), auth, 'query', now)).not.toBeInstanceOf(S3DetailedError);
  });

  it('tells S3 clients the times of a skewed or expired request', () => {
    const skewed = verifyErrorOf(failure('RequestExpired'), auth, 's3', now) as S3DetailedError;
    expect(s3ErrorOf(skewed).code).toBe('RequestTimeTooSkewed');
    expect(Object.fromEntries(skewed.details)).toEqual({
      RequestTime: '20150830T123600Z',
      ServerTime: '2015-08-30T13:00:00Z',
      MaxAllowedSkewMilliseconds: '900000',
    });
    const expired = verifyErrorOf(failure('PresignExpired'), { ...auth, kind: 'query', expiresSeconds: 60 }, 's3', now);
    expect(s3ErrorOf(expired)).toMatchObject({ code: 'AccessDenied', message: 'Request has expired' });
    expect(Object.fromEntries((expired as S3DetailedError).details)).toEqual({
      'X-Amz-Expires': '60',
      Expires: '2015-08-30T12:37:00Z',
      ServerTime: '2015-08-30T13:00:00Z',
    });
    expect(verifyErrorOf(failure('RequestExpired'), auth, 'query', now)).toMatchObject({
      code: 'RequestExpired',
      message: 'Signature expired: …',
    });
  });
});

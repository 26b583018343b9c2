import { describe, expect, it } from 'vitest';
import { type HttpRequestParts, parseAuthorization, SIGV4A_MESSAGE } from './index.js';

const CREDENTIAL = 'AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request';
const SIGNATURE = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
const AUTH = `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`;

function request(headers: HttpRequestParts['headers'], query = ''): HttpRequestParts {
  return { method: 'GET', path: '/', query, headers: { host: 'example.amazonaws.com', ...headers } };
}

function errorOf(req: HttpRequestParts) {
  const parsed = parseAuthorization(req);
  return parsed && !parsed.ok ? parsed.error : undefined;
}

const presign = (extra: Record<string, string> = {}, drop: string[] = []) => {
  const params: Record<string, string> = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': encodeURIComponent(CREDENTIAL),
    'X-Amz-Date': '20150830T123600Z',
    'X-Amz-Expires': '3600',
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': SIGNATURE,
    ...extra,
  };
  for (const name of drop) delete params[name];
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
};

describe('parseAuthorization: header form', () => {
  it('returns undefined for an anonymous request', () => {
    expect(parseAuthorization(request({}, 'list-type=2&prefix=a'))).toBeUndefined();
  });

  it('reads every field', () => {
    expect(
      parseAuthorization(
        request({ authorization: AUTH, 'x-amz-date': '20150830T123600Z', 'x-amz-security-token': 'tok' }),
      ),
    ).toEqual({
      ok: true,
      auth: {
        kind: 'header',
        accessKeyId: 'AKIDEXAMPLE',
        date: '20150830',
        region: 'us-east-1',
        service: 'sts',
        scope: '20150830/us-east-1/sts/aws4_request',
        signedHeaders: ['host', 'x-amz-date'],
        signedHeadersValue: 'host;x-amz-date',
        signature: SIGNATURE,
        amzDate: '20150830T123600Z',
        requestTime: new Date('2015-08-30T12:36:00Z'),
        securityToken: 'tok',
      },
    });
  });

  it('accepts commas without spaces (the S3 streaming example) and a folded header given as an array', () => {
    const compact = AUTH.replace(/, /g, ',');
    const parsed = parseAuthorization(request({ authorization: [compact], 'x-amz-date': '20150830T123600Z' }));
    expect(parsed?.ok && parsed.auth.signedHeaders).toEqual(['host', 'x-amz-date']);
  });

  it('falls back to the Date header and rewrites it as an amz-date', () => {
    const parsed = parseAuthorization(request({ authorization: AUTH, date: 'Sun, 30 Aug 2015 12:36:00 GMT' }));
    expect(parsed?.ok && parsed.auth.amzDate).toBe('20150830T123600Z');
  });

  it.each([
    ['AWS4-HMAC-SHA512 Credential=x', 'UnsupportedAlgorithm', "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'"],
    ['AWS4-ECDSA-P256-SHA256 Credential=x', 'SigV4A', SIGV4A_MESSAGE],
    [
      'AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=',
      'SigV2',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    ],
    ['Bearer abc', 'UnsupportedAlgorithm', "Unsupported AWS 'algorithm': 'Bearer'"],
  ])('refuses the scheme of %j', (authorization, code, message) => {
    expect(errorOf(request({ authorization, 'x-amz-date': '20150830T123600Z' }))).toEqual({
      code,
      form: 'header',
      message,
    });
  });

  it('names every missing parameter, AWS style', () => {
    const authorization = `AWS4-HMAC-SHA256 SignedHeaders=host, Signature=${SIGNATURE}`;
    expect(errorOf(request({ authorization, 'x-amz-date': '20150830T123600Z' }))).toEqual({
      code: 'IncompleteSignature',
      form: 'header',
      message: `Authorization header requires 'Credential' parameter. Authorization=${authorization}`,
    });
    expect(errorOf(request({ authorization: 'AWS4-HMAC-SHA256', 'x-amz-date': '20150830T123600Z' }))?.message).toBe(
      "Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256",
    );
  });

  it('rejects a parameter without "=" and duplicated parameters', () => {
    expect(errorOf(request({ authorization: `${AUTH}, Junk`, 'x-amz-date': '20150830T123600Z' }))).toMatchObject({
      code: 'IncompleteSignature',
      message: expect.stringContaining("'Junk' not a valid key=value pair (missing equal-sign)"),
    });
    expect(errorOf(request({ authorization: `${AUTH}, Signature=00`, 'x-amz-date': '20150830T123600Z' }))?.code).toBe(
      'IncompleteSignature',
    );
  });

  it('requires a date', () => {
    expect(errorOf(request({ authorization: AUTH }))).toEqual({
      code: 'MissingDate',
      form: 'header',
      message: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${AUTH}`,
    });
  });

  it.each(['2015-08-30T12:36:00Z', '20150830T123600', '20150230T123600Z', '20150830T253600Z'])(
    'rejects the X-Amz-Date %j',
    (date) => {
      expect(errorOf(request({ authorization: AUTH, 'x-amz-date': date }))).toEqual({
        code: 'InvalidDate',
        form: 'header',
        message: `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      });
    },
  );

  it('rejects a Date header that is not an IMF-fixdate or names the wrong weekday', () => {
    expect(errorOf(request({ authorization: AUTH, date: 'Mon, 30 Aug 2015 12:36:00 GMT' }))?.code).toBe('InvalidDate');
    expect(errorOf(request({ authorization: AUTH, date: '2015-08-30' }))?.code).toBe('InvalidDate');
  });

  it.each([
    ['AKIDEXAMPLE/20150830/us-east-1/sts', 'Credential must have exactly 5 slash-delimited elements'],
    ['AKIDEXAMPLE/2015083/us-east-1/sts/aws4_request', 'Date is not in the format yyyyMMdd'],
    ['AKIDEXAMPLE/20150830/us east/sts/aws4_request', "scoped to a valid region, not 'us east'"],
    ['AKIDEXAMPLE/20150830/us-east-1//aws4_request', 'scoped to a valid service'],
    ['AKID EXAMPLE/20150830/us-east-1/sts/aws4_request', 'Invalid access key id'],
  ])('rejects the credential %j', (credential, message) => {
    const authorization = AUTH.replace(CREDENTIAL, credential);
    const error = errorOf(request({ authorization, 'x-amz-date': '20150830T123600Z' }));
    expect(error?.code).toBe('MalformedCredential');
    expect(error?.message).toContain(message);
  });

  it('rejects a scope for another day than X-Amz-Date, in the words of IAM and STS', () => {
    const authorization = AUTH.replace('/20150830/', '/20150831/');
    expect(errorOf(request({ authorization, 'x-amz-date': '20150830T123600Z' }))).toEqual({
      code: 'CredentialDateMismatch',
      form: 'header',
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.",
      detail: { scopeDate: '20150831', requestDate: '20150830' },
    });
  });

  it('rejects a scope without the aws4_request terminator', () => {
    const authorization = AUTH.replace('/aws4_request', '/aws4_reques');
    expect(errorOf(request({ authorization, 'x-amz-date': '20150830T123600Z' }))).toEqual({
      code: 'InvalidTerminator',
      form: 'header',
      message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reques'.",
      detail: { terminator: 'aws4_reques' },
    });
  });

  it('refuses two auth mechanisms at once', () => {
    expect(errorOf(request({ authorization: AUTH, 'x-amz-date': '20150830T123600Z' }, presign()))).toMatchObject({
      code: 'MultipleMechanisms',
      message: expect.stringMatching(/^Only one auth mechanism allowed/),
    });
  });
});

describe('parseAuthorization: query form', () => {
  it('reads every field, decoding the parameters', () => {
    const parsed = parseAuthorization(
      request(
        {},
        `a=1&${presign({ 'X-Amz-SignedHeaders': 'host%3Bx-amz-meta', 'X-Amz-Security-Token': 'a%2Bb%2F%3D' })}`,
      ),
    );
    expect(parsed).toEqual({
      ok: true,
      auth: {
        kind: 'query',
        accessKeyId: 'AKIDEXAMPLE',
        date: '20150830',
        region: 'us-east-1',
        service: 'sts',
        scope: '20150830/us-east-1/sts/aws4_request',
        signedHeaders: ['host', 'x-amz-meta'],
        signedHeadersValue: 'host;x-amz-meta',
        signature: SIGNATURE,
        amzDate: '20150830T123600Z',
        requestTime: new Date('2015-08-30T12:36:00Z'),
        expiresSeconds: 3600,
        securityToken: 'a+b/=',
      },
    });
  });

  it('takes the session token from the header when the query has none', () => {
    const parsed = parseAuthorization(request({ 'x-amz-security-token': 'from-header' }, presign()));
    expect(parsed?.ok && parsed.auth.securityToken).toBe('from-header');
  });

  it.each([
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-Signature',
    'X-Amz-Date',
    'X-Amz-SignedHeaders',
    'X-Amz-Expires',
  ])('requires %s', (name) => {
    expect(errorOf(request({}, presign({}, [name])))).toMatchObject({
      code: 'IncompleteSignature',
      message: expect.stringMatching(/^Query-string authentication version 4 requires/),
    });
  });

  it('accepts only AWS4-HMAC-SHA256, and names SigV4A when that is what was sent', () => {
    expect(errorOf(request({}, presign({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA512' })))).toEqual({
      code: 'UnsupportedAlgorithm',
      form: 'query',
      message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
    });
    expect(errorOf(request({}, presign({ 'X-Amz-Algorithm': 'AWS4-ECDSA-P256-SHA256' }, ['X-Amz-Expires'])))).toEqual({
      code: 'SigV4A',
      form: 'query',
      message: SIGV4A_MESSAGE,
    });
  });

  it.each([
    ['0', 'X-Amz-Expires must be a positive number'],
    ['604801', 'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
    ['-5', 'X-Amz-Expires should be a number'],
    ['1e3', 'X-Amz-Expires should be a number'],
  ])('rejects X-Amz-Expires=%s', (expires, message) => {
    expect(errorOf(request({}, presign({ 'X-Amz-Expires': expires })))).toEqual({
      code: 'InvalidExpires',
      form: 'query',
      message,
    });
  });

  it('accepts the bounds 1 and 604800', () => {
    for (const expires of ['1', '604800']) {
      const parsed = parseAuthorization(request({}, presign({ 'X-Amz-Expires': expires })));
      expect(parsed?.ok && parsed.auth.expiresSeconds).toBe(Number(expires));
    }
  });

  it('rejects a malformed X-Amz-Date and a credential for another day', () => {
    expect(errorOf(request({}, presign({ 'X-Amz-Date': '20150830' })))?.code).toBe('InvalidDate');
    expect(errorOf(request({}, presign({ 'X-Amz-Date': '20150831T000000Z' })))).toMatchObject({
      code: 'CredentialDateMismatch',
      form: 'query',
      detail: { scopeDate: '20150830', requestDate: '20150831' },
    });
  });

  it('refuses SigV2 presigned URLs instead of treating them as anonymous', () => {
    expect(errorOf(request({}, 'AWSAccessKeyId=AKIDEXAMPLE&Expires=1441000000&Signature=abc%3D'))?.code).toBe('SigV2');
  });
});

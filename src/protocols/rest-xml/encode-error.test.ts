import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/errors.js';
import { encodeS3Error } from './encode-error.js';

const parse = (xml: string): unknown =>
  new XMLParser({ parseTagValue: false, ignoreDeclaration: true }).parse(xml, true);

describe('encodeS3Error', () => {
  it('writes the S3 error document with resource and request id', () => {
    const response = encodeS3Error(new AwsError('NoSuchBucket'), 'req-1', '/missing-bucket');
    expect(response.status).toBe(404);
    expect(response.headers).toEqual({ 'content-type': 'application/xml', 'x-amz-request-id': 'req-1' });
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>' +
        '<Resource>/missing-bucket</Resource><RequestId>req-1</RequestId></Error>',
    );
  });

  it("uses S3's own code and status for auth failures", () => {
    const response = encodeS3Error(new AwsError('InvalidClientTokenId'), 'req-2');
    expect(response.status).toBe(403);
    expect(parse(response.body)).toEqual({
      Error: {
        Code: 'InvalidAccessKeyId',
        Message: 'The AWS Access Key Id you provided does not exist in our records.',
        RequestId: 'req-2',
      },
    });
  });

  it('escapes the message and resource', () => {
    const response = encodeS3Error(new AwsError('InvalidArgument', 'bad <value> & more'), 'r', '/b/k&<');
    expect(parse(response.body)).toEqual({
      Error: { Code: 'InvalidArgument', Message: 'bad <value> & more', Resource: '/b/k&<', RequestId: 'r' },
    });
  });

  it('writes extra elements after the message, in order, escaped (SignatureDoesNotMatch diagnostics)', () => {
    const response = encodeS3Error(new AwsError('SignatureDoesNotMatch'), 'r', undefined, [
      ['AWSAccessKeyId', 'AKIDEXAMPLE'],
      ['StringToSign', 'AWS4-HMAC-SHA256\n20150830T123600Z'],
      ['CanonicalRequest', 'GET\n/a&b'],
    ]);
    expect(response.status).toBe(403);
    expect(response.body).toContain(
      '<Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>' +
        '<AWSAccessKeyId>AKIDEXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20150830T123600Z</StringToSign>' +
        '<CanonicalRequest>GET\n/a&amp;b</CanonicalRequest><RequestId>r</RequestId>',
    );
  });
});

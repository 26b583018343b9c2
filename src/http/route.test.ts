import { describe, expect, it } from 'vitest';
import { route, s3Target, virtualHostBucket } from './route.js';

const q = (text = '') => new URLSearchParams(text);
const auth = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261128/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

describe('route', () => {
  it('uses the credential scope service first', () => {
    expect(route({ method: 'POST', rawPath: '/', query: q(), authorization: auth('iam') })).toEqual({
      kind: 'query',
      service: 'iam',
    });
    expect(route({ method: 'POST', rawPath: '/', query: q(), authorization: auth('sts') })).toEqual({
      kind: 'query',
      service: 'sts',
    });
    expect(route({ method: 'GET', rawPath: '/b/k', query: q(), authorization: auth('s3') })).toEqual({
      kind: 's3',
      bucket: 'b',
      key: 'k',
    });
    expect(route({ method: 'POST', rawPath: '/', query: q(), authorization: auth('kms') })).toEqual({
      kind: 'unsupported',
      service: 'kms',
    });
  });

  it('tells S3 Control from a bucket named v20180820 by its account header', () => {
    const path = '/v20180820/configuration/publicAccessBlock';
    const signed = { method: 'GET', rawPath: path, query: q(), authorization: auth('s3') };
    expect(route({ ...signed, accountId: '000000000000', host: '000000000000.localhost:4599' })).toEqual({
      kind: 's3control',
    });
    expect(route({ ...signed, accountId: '000000000000', authorization: undefined })).toEqual({ kind: 's3control' });
    expect(route(signed)).toEqual({ kind: 's3', bucket: 'v20180820', key: 'configuration/publicAccessBlock' });
    expect(route({ ...signed, rawPath: '/b/k', accountId: '000000000000' })).toEqual({
      kind: 's3',
      bucket: 'b',
      key: 'k',
    });
  });

  it('routes CloudTrail by its scope or its X-Amz-Target', () => {
    const json = { kind: 'json', service: 'cloudtrail' };
    expect(route({ method: 'POST', rawPath: '/', query: q(), authorization: auth('cloudtrail') })).toEqual(json);
    const target = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents';
    expect(route({ method: 'POST', rawPath: '/', query: q(), target })).toEqual(json);
    expect(route({ method: 'POST', rawPath: '/', query: q(), target: 'DynamoDB_20120810.GetItem' })).toEqual({
      kind: 's3',
    });
  });

  it('routes unsigned form posts to Query and everything else to S3', () => {
    expect(
      route({ method: 'POST', rawPath: '/', query: q(), contentType: 'application/x-www-form-urlencoded' }),
    ).toEqual({ kind: 'query' });
    expect(route({ method: 'GET', rawPath: '/', query: q('Action=GetCallerIdentity') })).toEqual({ kind: 'query' });
    expect(route({ method: 'GET', rawPath: '/bucket', query: q() })).toEqual({ kind: 's3', bucket: 'bucket' });
    expect(route({ method: 'GET', rawPath: '/_iamd/health', query: q() })).toEqual({ kind: 'internal' });
  });

  it('reads the presigned credential scope', () => {
    const presigned = q('X-Amz-Credential=AKIA%2F20261128%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=x');
    expect(route({ method: 'GET', rawPath: '/b/k', query: presigned })).toEqual({ kind: 's3', bucket: 'b', key: 'k' });
  });

  it('does not mistake a SigV4A scope (no region) for a service, so the request reaches its handler', () => {
    const sigv4a = q('X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=AKIA%2F20261128%2Fs3%2Faws4_request');
    expect(route({ method: 'GET', rawPath: '/b/k', query: sigv4a })).toEqual({ kind: 's3', bucket: 'b', key: 'k' });
  });
});

describe('s3Target', () => {
  it('decodes path-style bucket and key once, keeping slashes in the key', () => {
    expect(s3Target('/b/a%20b/c%2Fd', undefined)).toEqual({ bucket: 'b', key: 'a b/c/d' });
    expect(s3Target('/b/', undefined)).toEqual({ bucket: 'b' });
    expect(s3Target('/', undefined)).toEqual({});
  });

  it('takes the bucket from <bucket>.localhost hosts', () => {
    expect(virtualHostBucket('my-bucket.localhost:4599')).toBe('my-bucket');
    expect(virtualHostBucket('localhost:4599')).toBeUndefined();
    expect(virtualHostBucket('127.0.0.1:4599')).toBeUndefined();
    expect(s3Target('/dir/file.txt', 'my-bucket.localhost:4599')).toEqual({ bucket: 'my-bucket', key: 'dir/file.txt' });
  });

  it('routes requests signed for ec2 to the EC2 API', () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261128/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0';
    expect(route({ method: 'POST', rawPath: '/', query: new URLSearchParams(), authorization })).toEqual({
      kind: 'ec2',
    });
  });
});

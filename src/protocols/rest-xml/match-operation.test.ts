import { describe, expect, it } from 'vitest';
import { loadServiceModel } from '../service-model.js';
import { matchRestXmlOperation } from './match-operation.js';

const s3 = loadServiceModel('s3');
const match = (method: string, target: { bucket?: string; key?: string }, query = '') =>
  matchRestXmlOperation(s3, method, target, new URLSearchParams(query));

describe('matchRestXmlOperation', () => {
  const bucket = { bucket: 'data' };
  const object = { bucket: 'data', key: 'reports/2026.csv' };

  it.each([
    ['GET', {}, '', 'ListBuckets'],
    ['PUT', bucket, '', 'CreateBucket'],
    ['HEAD', bucket, '', 'HeadBucket'],
    ['DELETE', bucket, '', 'DeleteBucket'],
    ['PUT', object, '', 'PutObject'],
    ['GET', object, '', 'GetObject'],
    ['HEAD', object, '', 'HeadObject'],
    ['DELETE', object, '', 'DeleteObject'],
    ['GET', bucket, 'list-type=2&prefix=a/', 'ListObjectsV2'],
    ['GET', bucket, 'prefix=a/', 'ListObjects'],
    ['PUT', bucket, 'publicAccessBlock', 'PutPublicAccessBlock'],
    ['GET', bucket, 'publicAccessBlock=', 'GetPublicAccessBlock'],
    ['DELETE', bucket, 'publicAccessBlock', 'DeletePublicAccessBlock'],
  ])('%s %j ?%s → %s', (method, target, query, expected) => {
    expect(match(method, target, query)).toBe(expected);
  });

  it('requires literal values to match', () => {
    expect(match('GET', bucket, 'list-type=1')).toBe('ListObjects');
  });

  it('ignores the x-id client hint', () => {
    expect(match('GET', object, 'x-id=GetObject')).toBe('GetObject');
    expect(match('PUT', object, 'x-id=PutObject')).toBe('PutObject');
  });

  it('treats an empty key as the bucket and method case-insensitively', () => {
    expect(match('get', { bucket: 'data', key: '' }, 'list-type=2')).toBe('ListObjectsV2');
  });

  it('prefers the route with more literal query parts', () => {
    expect(match('POST', object, 'select&select-type=2')).toBe('SelectObjectContent');
    expect(match('POST', object, 'uploads')).toBe('CreateMultipartUpload');
  });

  it('returns undefined when no operation fits', () => {
    expect(match('PATCH', object)).toBeUndefined();
    expect(match('DELETE', {})).toBeUndefined();
  });
});

describe('matchRestXmlOperation: operations sharing a route', () => {
  const object = { bucket: 'data', key: 'k' };
  const s3Match = (method: string, query: string, headers: Record<string, string> = {}) =>
    matchRestXmlOperation(s3, method, object, new URLSearchParams(query), headers);

  it('tells PUT object operations apart by required query and header members', () => {
    expect(s3Match('PUT', '')).toBe('PutObject');
    expect(s3Match('PUT', '', { 'X-Amz-Copy-Source': '/src/k' })).toBe('CopyObject');
    expect(s3Match('PUT', 'partNumber=1&uploadId=u')).toBe('UploadPart');
    expect(s3Match('PUT', 'partNumber=1&uploadId=u', { 'x-amz-copy-source': '/src/k' })).toBe('UploadPartCopy');
  });

  it('tells GET and DELETE object operations apart by uploadId', () => {
    expect(s3Match('GET', 'uploadId=u')).toBe('ListParts');
    expect(s3Match('DELETE', 'uploadId=u')).toBe('AbortMultipartUpload');
  });

  it('prefers current operations over deprecated twins', () => {
    expect(matchRestXmlOperation(s3, 'GET', { bucket: 'b' }, new URLSearchParams('lifecycle'))).toBe(
      'GetBucketLifecycleConfiguration',
    );
  });
});

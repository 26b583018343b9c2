import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/errors.js';
import { loadServiceModel } from '../service-model.js';
import { decodeRestXmlRequest } from './decode-request.js';

const s3 = loadServiceModel('s3');
const utf8 = (text: string) => new TextEncoder().encode(text);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsError) return err.code;
    throw err;
  }
  throw new Error('expected an AwsError');
}

describe('decodeRestXmlRequest: PutObject', () => {
  it('reads uri, header and x-amz-meta-* members and leaves the streaming body alone', () => {
    const input = decodeRestXmlRequest(s3, 'PutObject', {
      bucket: 'data',
      key: 'reports/2026.csv',
      query: new URLSearchParams('x-id=PutObject'),
      headers: {
        'Content-Type': 'text/csv',
        'content-length': '11',
        'x-amz-checksum-crc32': 'i9aeUg==',
        'x-amz-meta-owner': 'data-team',
        'X-Amz-Meta-Stage': 'raw',
        'x-amz-server-side-encryption-bucket-key-enabled': 'TRUE',
        expires: 'Thu, 01 Jan 2026 00:00:00 GMT',
        'x-unrelated': 'ignored',
      },
      body: utf8('hello world'),
    });
    expect(input).toEqual({
      Bucket: 'data',
      Key: 'reports/2026.csv',
      ContentType: 'text/csv',
      ContentLength: 11,
      ChecksumCRC32: 'i9aeUg==',
      Metadata: { owner: 'data-team', stage: 'raw' },
      BucketKeyEnabled: true,
      Expires: new Date(Date.UTC(2026, 0, 1)),
    });
  });

  it('joins repeated header values', () => {
    const input = decodeRestXmlRequest(s3, 'PutObject', {
      bucket: 'b',
      key: 'k',
      query: new URLSearchParams(),
      headers: { 'cache-control': ['no-cache', 'no-store'] },
    });
    expect(input['CacheControl']).toBe('no-cache, no-store');
  });

  it('rejects an unparsable number without echoing it', () => {
    let message = '';
    try {
      decodeRestXmlRequest(s3, 'PutObject', {
        bucket: 'b',
        key: 'k',
        query: new URLSearchParams(),
        headers: { 'content-length': 'eleven' },
      });
    } catch (err) {
      if (err instanceof AwsError) message = `${err.code}: ${err.message}`;
    }
    expect(message).toBe('InvalidArgument: Invalid value for Content-Length');
  });

  it('requires the key', () => {
    expect(
      codeOf(() => decodeRestXmlRequest(s3, 'PutObject', { bucket: 'b', query: new URLSearchParams(), headers: {} })),
    ).toBe('InvalidArgument');
  });
});

describe('decodeRestXmlRequest: query strings', () => {
  it('reads ListObjectsV2 parameters by their wire names', () => {
    const input = decodeRestXmlRequest(s3, 'ListObjectsV2', {
      bucket: 'data',
      query: new URLSearchParams('list-type=2&prefix=reports/&delimiter=/&max-keys=100&fetch-owner=true&start-after=a'),
      headers: { 'x-amz-optional-object-attributes': 'RestoreStatus' },
    });
    expect(input).toEqual({
      Bucket: 'data',
      Prefix: 'reports/',
      Delimiter: '/',
      MaxKeys: 100,
      FetchOwner: true,
      StartAfter: 'a',
      OptionalObjectAttributes: ['RestoreStatus'],
    });
  });
});

describe('decodeRestXmlRequest: XML payloads', () => {
  const pab = (xml: string) =>
    decodeRestXmlRequest(s3, 'PutPublicAccessBlock', {
      bucket: 'data',
      query: new URLSearchParams('publicAccessBlock'),
      headers: { 'content-md5': 'abc==' },
      body: utf8(xml),
    });

  it('parses PutPublicAccessBlock configuration', () => {
    const input = pab(
      '<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>' +
        '<BlockPublicPolicy> true </BlockPublicPolicy></PublicAccessBlockConfiguration>',
    );
    expect(input).toEqual({
      Bucket: 'data',
      ContentMD5: 'abc==',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true },
    });
  });

  it('ignores the root element name', () => {
    expect(
      pab('<Anything><RestrictPublicBuckets>true</RestrictPublicBuckets></Anything>')['PublicAccessBlockConfiguration'],
    ).toEqual({
      RestrictPublicBuckets: true,
    });
  });

  it('answers MalformedXML for bad documents, bad values, DTDs and a missing required body', () => {
    expect(
      codeOf(() => pab('<PublicAccessBlockConfiguration><BlockPublicAcls>true</PublicAccessBlockConfiguration>')),
    ).toBe('MalformedXML');
    expect(codeOf(() => pab('<C><BlockPublicAcls>yes</BlockPublicAcls></C>'))).toBe('MalformedXML');
    expect(codeOf(() => pab('<!DOCTYPE x [<!ENTITY a "b">]><C><BlockPublicAcls>&a;</BlockPublicAcls></C>'))).toBe(
      'MalformedXML',
    );
    expect(codeOf(() => pab(''))).toBe('MalformedXML');
    expect(codeOf(() => pab('not xml'))).toBe('MalformedXML');
  });

  it('reads non-flattened lists and required nested members', () => {
    const tagging = (xml: string) =>
      decodeRestXmlRequest(s3, 'PutBucketTagging', {
        bucket: 'data',
        query: new URLSearchParams('tagging'),
        headers: {},
        body: utf8(xml),
      })['Tagging'];
    expect(
      tagging(
        '<Tagging><TagSet><Tag><Key>a </Key><Value>1</Value></Tag><Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>',
      ),
    ).toEqual({
      TagSet: [
        { Key: 'a ', Value: '1' },
        { Key: 'b', Value: '' },
      ],
    });
    expect(codeOf(() => tagging('<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>'))).toBe('MalformedXML');
  });

  it('reads flattened lists and entities', () => {
    const input = decodeRestXmlRequest(s3, 'DeleteObjects', {
      bucket: 'data',
      query: new URLSearchParams('delete'),
      headers: {},
      body: utf8(
        '<Delete><Object><Key>a&amp;b</Key></Object><Object><Key>c&#13;</Key></Object><Quiet>true</Quiet></Delete>',
      ),
    });
    expect(input['Delete']).toEqual({ Objects: [{ Key: 'a&b' }, { Key: 'c\r' }], Quiet: true });
  });
});

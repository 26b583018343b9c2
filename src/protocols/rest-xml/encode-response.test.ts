import { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadServiceModel } from '../service-model.js';
import { encodeRestXmlResponse } from './encode-response.js';

const s3 = loadServiceModel('s3');
const parse = (xml: unknown): unknown =>
  new XMLParser({ ignoreAttributes: false, parseTagValue: false, htmlEntities: true }).parse(String(xml), true);

const modified = new Date(Date.UTC(2026, 10, 28, 14, 0, 0, 250));
const owner = { ID: 'abc123', DisplayName: 'owner' };

describe('encodeRestXmlResponse: XML bodies', () => {
  it('encodes ListObjectsV2 with flattened Contents and CommonPrefixes', () => {
    const response = encodeRestXmlResponse(s3, 'ListObjectsV2', {
      Name: 'data',
      Prefix: 'reports/',
      Delimiter: '/',
      MaxKeys: 1000,
      KeyCount: 3,
      IsTruncated: false,
      Contents: [
        {
          Key: 'reports/a.csv',
          LastModified: modified,
          ETag: '"e1"',
          Size: 10,
          StorageClass: 'STANDARD',
          Owner: owner,
        },
        { Key: 'reports/b&c.csv', LastModified: modified, ETag: '"e2"', Size: 0, StorageClass: 'STANDARD' },
      ],
      CommonPrefixes: [{ Prefix: 'reports/2026/' }],
      RequestCharged: 'requester',
    });
    expect(response.status).toBe(200);
    expect(response.headers).toEqual({ 'Content-Type': 'application/xml', 'x-amz-request-charged': 'requester' });
    const body = String(response.body);
    expect(
      body.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      ),
    ).toBe(true);
    expect(body).not.toContain('<ObjectList>');
    expect(body).not.toContain('RequestCharged');
    expect(parse(body)).toEqual({
      '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
      ListBucketResult: {
        '@_xmlns': 'http://s3.amazonaws.com/doc/2006-03-01/',
        IsTruncated: 'false',
        Contents: [
          {
            Key: 'reports/a.csv',
            LastModified: '2026-11-28T14:00:00.250Z',
            ETag: '"e1"',
            Size: '10',
            StorageClass: 'STANDARD',
            Owner: { DisplayName: 'owner', ID: 'abc123' },
          },
          {
            Key: 'reports/b&c.csv',
            LastModified: '2026-11-28T14:00:00.250Z',
            ETag: '"e2"',
            Size: '0',
            StorageClass: 'STANDARD',
          },
        ],
        Name: 'data',
        Prefix: 'reports/',
        Delimiter: '/',
        MaxKeys: '1000',
        CommonPrefixes: { Prefix: 'reports/2026/' },
        KeyCount: '3',
      },
    });
  });

  it('encodes ListBuckets with its S3 root name and named list members', () => {
    const response = encodeRestXmlResponse(s3, 'ListBuckets', {
      Buckets: [{ Name: 'data', CreationDate: modified }],
      Owner: owner,
    });
    const body = String(response.body);
    expect(body).toContain(
      '<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets><Bucket><Name>data</Name>',
    );
    expect(body).toContain('<CreationDate>2026-11-28T14:00:00.250Z</CreationDate>');
  });

  it('roots a structure payload at its shape name', () => {
    const response = encodeRestXmlResponse(s3, 'GetPublicAccessBlock', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false },
    });
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls></PublicAccessBlockConfiguration>',
    );
    expect(response.headers['Content-Type']).toBe('application/xml');
  });

  it('writes xmlAttribute members with their namespace', () => {
    const body = String(
      encodeRestXmlResponse(s3, 'GetBucketAcl', {
        Owner: owner,
        Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'abc123' }, Permission: 'FULL_CONTROL' }],
      }).body,
    );
    expect(body).toContain(
      '<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>abc123</ID></Grantee>',
    );
  });
});

describe('encodeRestXmlResponse: headers and streaming bodies', () => {
  it('encodes GetObjectOutput headers and passes the stream through', () => {
    const stream = Readable.from(['hello']);
    const response = encodeRestXmlResponse(s3, 'GetObject', {
      Body: stream,
      ContentLength: 5,
      ContentType: 'text/plain',
      ETag: '"5d41402abc4b2a76b9719d911017c592"',
      LastModified: new Date(Date.UTC(2026, 0, 1)),
      ChecksumCRC32: 'NhCmhg==',
      Metadata: { owner: 'data-team' },
      DeleteMarker: false,
      TagCount: 2,
    });
    expect(response.status).toBe(200);
    expect(response.body).toBe(stream);
    expect(response.headers).toEqual({
      'Content-Length': '5',
      'Content-Type': 'text/plain',
      ETag: '"5d41402abc4b2a76b9719d911017c592"',
      'Last-Modified': 'Thu, 01 Jan 2026 00:00:00 GMT',
      'x-amz-checksum-crc32': 'NhCmhg==',
      'x-amz-meta-owner': 'data-team',
      'x-amz-delete-marker': 'false',
      'x-amz-tagging-count': '2',
    });
  });

  it('never sends a body for HEAD', () => {
    const response = encodeRestXmlResponse(s3, 'HeadObject', { ContentLength: 5, ETag: '"e"' });
    expect(response).toEqual({ status: 200, headers: { 'Content-Length': '5', ETag: '"e"' } });
  });

  it('uses the model status code and header-only outputs have no body', () => {
    expect(encodeRestXmlResponse(s3, 'DeleteObject', {})).toEqual({ status: 204, headers: {} });
    expect(encodeRestXmlResponse(s3, 'DeleteBucket', undefined)).toEqual({ status: 204, headers: {} });
    expect(encodeRestXmlResponse(s3, 'CreateBucket', { Location: '/data' })).toEqual({
      status: 200,
      headers: { Location: '/data' },
    });
  });

  it('writes a header timestamp with an explicit format as the model says', () => {
    const response = encodeRestXmlResponse(s3, 'HeadObject', {
      ObjectLockRetainUntilDate: new Date(Date.UTC(2027, 0, 1)),
    });
    expect(response.headers['x-amz-object-lock-retain-until-date']).toBe('2027-01-01T00:00:00.000Z');
  });
});

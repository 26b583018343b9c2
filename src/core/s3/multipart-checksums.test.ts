import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { S3 } from '../../shapes/index.js';
import type { MultipartPartRecord, MultipartUploadRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import {
  compositeChecksum,
  completionChecksum,
  multipartChecksumOf,
  objectChecksum,
  partChecksumRule,
} from './multipart-checksums.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
const crc = (bytes: Uint8Array) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes));
  return out;
};
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const A = Buffer.from('first part');
const B = Buffer.from('second part');

function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an AwsError');
}

function upload(algorithm?: string, type?: 'COMPOSITE' | 'FULL_OBJECT'): MultipartUploadRecord {
  return {
    uploadId: 'u',
    bucket: 'b',
    key: 'k',
    initiated: new Date(0),
    initiator: '000000000000',
    metadata: {},
    checksumAlgorithm: algorithm,
    checksumType: type,
  };
}

function part(partNumber: number, checksums: Record<string, string>): MultipartPartRecord {
  return {
    uploadId: 'u',
    partNumber,
    blobId: `blob${partNumber}`,
    size: 5,
    etag: '"e"',
    lastModified: new Date(0),
    checksums,
  };
}

const complete = (parts: S3.CompletedPart[], extra: Partial<S3.CompleteMultipartUploadRequest> = {}) =>
  ({
    Bucket: 'b',
    Key: 'k',
    UploadId: 'u',
    MultipartUpload: { Parts: parts },
    ...extra,
  }) as S3.CompleteMultipartUploadRequest;

describe('multipartChecksumOf', () => {
  it('defaults CRC64NVME to FULL_OBJECT and the others to COMPOSITE', () => {
    expect(multipartChecksumOf({ ChecksumAlgorithm: 'CRC64NVME' })).toEqual({
      algorithm: 'CRC64NVME',
      type: 'FULL_OBJECT',
    });
    expect(multipartChecksumOf({ ChecksumAlgorithm: 'SHA256' })).toEqual({ algorithm: 'SHA256', type: 'COMPOSITE' });
    expect(multipartChecksumOf({ ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' })).toEqual({
      algorithm: 'CRC32',
      type: 'FULL_OBJECT',
    });
    expect(multipartChecksumOf({})).toBeUndefined();
  });

  it('refuses the combinations S3 refuses', () => {
    expect(failure(() => multipartChecksumOf({ ChecksumAlgorithm: 'SHA1', ChecksumType: 'FULL_OBJECT' }))).toEqual({
      code: 'InvalidRequest',
      message: 'The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.',
    });
    expect(
      failure(() => multipartChecksumOf({ ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'COMPOSITE' })).message,
    ).toBe('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
    expect(failure(() => multipartChecksumOf({ ChecksumType: 'COMPOSITE' })).code).toBe('InvalidRequest');
    expect(failure(() => multipartChecksumOf({ ChecksumAlgorithm: 'SHA512' })).code).toBe('NotImplemented');
  });
});

describe('partChecksumRule', () => {
  const crc32Plan = { algorithm: 'CRC32', source: 'header', expected: b64(crc(A)) } as const;

  it('needs the upload algorithm on every part of a composite upload', () => {
    expect(failure(() => partChecksumRule({ algorithm: 'SHA256', type: 'COMPOSITE' }, undefined)).message).toBe(
      'Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: null',
    );
    expect(failure(() => partChecksumRule({ algorithm: 'SHA256', type: 'COMPOSITE' }, crc32Plan)).message).toBe(
      'Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32',
    );
    expect(partChecksumRule({ algorithm: 'CRC32', type: 'COMPOSITE' }, crc32Plan)).toBeUndefined();
  });

  it('computes a missing part checksum of a full-object upload', () => {
    expect(partChecksumRule({ algorithm: 'CRC32', type: 'FULL_OBJECT' }, undefined)).toBe('CRC32');
    expect(partChecksumRule(undefined, crc32Plan)).toBeUndefined();
  });
});

describe('compositeChecksum', () => {
  it('hashes the concatenated raw part checksums and appends the part count', () => {
    const parts = [sha256(A), sha256(B)];
    expect(compositeChecksum('SHA256', parts.map(b64))).toBe(`${b64(sha256(Buffer.concat(parts)))}-2`);
    const crcs = [crc(A), crc(B)];
    expect(compositeChecksum('CRC32', crcs.map(b64))).toBe(`${b64(crc(Buffer.concat(crcs)))}-2`);
  });
});

describe('completionChecksum', () => {
  const stored = [part(1, { SHA256: b64(sha256(A)) }), part(2, { SHA256: b64(sha256(B)) })];
  const listed = [
    { PartNumber: 1, ETag: '"e"', ChecksumSHA256: b64(sha256(A)) },
    { PartNumber: 2, ETag: '"e"', ChecksumSHA256: b64(sha256(B)) },
  ];
  const composite = compositeChecksum('SHA256', [b64(sha256(A)), b64(sha256(B))]);

  it('returns the composite of a composite upload', () => {
    const plan = completionChecksum(upload('SHA256', 'COMPOSITE'), complete(listed), stored);
    expect(objectChecksum(plan, undefined)).toEqual({ SHA256: composite });
  });

  it('needs every part checksum of a composite upload', () => {
    const [first, second] = listed;
    const without = complete([first!, { PartNumber: 2, ETag: '"e"' }]);
    expect(failure(() => completionChecksum(upload('SHA256', 'COMPOSITE'), without, stored))).toEqual({
      code: 'InvalidRequest',
      message:
        'The upload was created using a sha256 checksum. The complete request must include the checksum for each part. It was missing for part 2 in the request.',
    });
    const wrong = complete([first!, { ...second!, ChecksumSHA256: b64(sha256(A)) }]);
    expect(failure(() => completionChecksum(upload('SHA256', 'COMPOSITE'), wrong, stored)).code).toBe('InvalidPart');
    const malformed = complete([first!, { ...second!, ChecksumSHA256: 'abc' }]);
    expect(failure(() => completionChecksum(upload('SHA256', 'COMPOSITE'), malformed, stored))).toEqual({
      code: 'InvalidArgument',
      message: 'Invalid Base64 or multiple checksums present in request',
    });
  });

  it('compares the whole-object value of a composite upload before the parts (BadDigest)', () => {
    const bare = composite.replace(/-2$/, '');
    expect(completionChecksum(upload('SHA256'), complete(listed, { ChecksumSHA256: bare }), stored)?.composite).toBe(
      composite,
    );
    const other = b64(sha256(B));
    expect(
      failure(() => completionChecksum(upload('SHA256'), complete(listed, { ChecksumSHA256: other }), stored)),
    ).toEqual({
      code: 'BadDigest',
      message: 'The sha256 you specified did not match the calculated checksum.',
    });
  });

  it('refuses a checksum type other than the upload’s', () => {
    const request = complete(listed, { ChecksumType: 'FULL_OBJECT' });
    expect(failure(() => completionChecksum(upload('SHA256', 'COMPOSITE'), request, stored)).message).toBe(
      'The upload was created using the COMPOSITE checksum mode. The complete request must use the same checksum mode.',
    );
  });

  it('checks a full-object upload against the measured bytes', () => {
    const parts = [part(1, { CRC32: b64(crc(A)) }), part(2, { CRC32: b64(crc(B)) })];
    const whole = b64(crc(Buffer.concat([A, B])));
    const plan = completionChecksum(
      upload('CRC32', 'FULL_OBJECT'),
      complete([{ PartNumber: 1 }, { PartNumber: 2 }]),
      parts,
    );
    expect(objectChecksum(plan, whole)).toEqual({ CRC32: whole });
    const promised = completionChecksum(
      upload('CRC32', 'FULL_OBJECT'),
      complete([], { ChecksumCRC32: b64(crc(A)) }),
      [],
    );
    expect(failure(() => objectChecksum(promised, whole)).code).toBe('BadDigest');
    const wrongPart = complete([{ PartNumber: 1, ChecksumCRC32: b64(crc(B)) }, { PartNumber: 2 }]);
    expect(failure(() => completionChecksum(upload('CRC32', 'FULL_OBJECT'), wrongPart, parts)).code).toBe(
      'InvalidPart',
    );
  });

  it('stores no checksum for an upload created without one', () => {
    expect(completionChecksum(upload(), complete(listed), stored)).toBeUndefined();
    expect(objectChecksum(undefined, undefined)).toEqual({});
  });
});

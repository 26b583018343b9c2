import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import {
  type ChecksumAlgorithm,
  createChecksumTap,
  expectedChecksum,
  isValidChecksum,
  planChecksum,
  verifyChecksum,
} from './checksums.js';
import { crc32c, crc64nvme } from './crc.js';

const CHECK = Buffer.from('123456789');

/** Bit-at-a-time reference CRCs straight from the definitions, to check the sliced tables against. */
function referenceCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function referenceCrc64nvme(bytes: Uint8Array): bigint {
  const polynomial = 0x9a6c9329ac4bc9b5n;
  let crc = 0xffff_ffff_ffff_ffffn;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ polynomial : crc >> 1n;
  }
  return crc ^ 0xffff_ffff_ffff_ffffn;
}

function errorOf(run: () => unknown): { code: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsError) return { code: error.code, message: error.message };
    throw error;
  }
  return undefined;
}

describe('crc32c and crc64nvme', () => {
  it('give the published check values for "123456789"', () => {
    expect(crc32c(CHECK)).toBe(0xe3069283);
    expect(crc64nvme(CHECK)).toBe(0xae8b14860a799888n);
  });

  it('give the check values of the empty input', () => {
    expect(crc32c(new Uint8Array())).toBe(0);
    expect(crc64nvme(new Uint8Array())).toBe(0n);
  });

  it('agree with bit-at-a-time definitions on any bytes, in any split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % bytes.length;
        const [head, tail] = [bytes.subarray(0, at), bytes.subarray(at)];
        expect(crc32c(tail, crc32c(head))).toBe(referenceCrc32c(bytes));
        expect(crc64nvme(tail, crc64nvme(head))).toBe(referenceCrc64nvme(bytes));
      }),
      { numRuns: 200 },
    );
  });
});

describe('createChecksumTap', () => {
  const body = Buffer.from('hello\n');
  const expected: Record<ChecksumAlgorithm, string> = {
    CRC32: (() => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(crc32(body));
      return out.toString('base64');
    })(),
    CRC32C: (() => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(referenceCrc32c(body));
      return out.toString('base64');
    })(),
    CRC64NVME: (() => {
      const out = Buffer.alloc(8);
      out.writeBigUInt64BE(referenceCrc64nvme(body));
      return out.toString('base64');
    })(),
    SHA1: createHash('sha1').update(body).digest('base64'),
    SHA256: createHash('sha256').update(body).digest('base64'),
  };

  it.each(Object.entries(expected))(
    'computes %s over the streamed bytes, passing them through',
    async (name, value) => {
      const tap = createChecksumTap(name as ChecksumAlgorithm);
      const seen: Buffer[] = [];
      await pipeline(Readable.from([body.subarray(0, 2), body.subarray(2)]), tap.stream, async (source) => {
        for await (const chunk of source) seen.push(chunk as Buffer);
      });
      expect(Buffer.concat(seen).equals(body)).toBe(true);
      expect(tap.digest()).toBe(value);
    },
  );

  it('knows the S3 example value of CRC32 for "hello\\n"', () => {
    expect(expected.CRC32).toBe('NjowIA==');
  });
});

describe('planChecksum', () => {
  const crc = 'NjowIA==';

  it('returns nothing for an upload without checksums', () => {
    expect(planChecksum({}, undefined)).toBeUndefined();
  });

  it('takes a header value, with or without the algorithm header (any case)', () => {
    expect(planChecksum({ ChecksumCRC32: crc }, undefined)).toEqual({
      algorithm: 'CRC32',
      source: 'header',
      expected: crc,
    });
    expect(planChecksum({ ChecksumCRC32: crc, ChecksumAlgorithm: 'crc32' as never }, undefined)?.algorithm).toBe(
      'CRC32',
    );
  });

  it('takes an announced trailer', () => {
    expect(planChecksum({ ChecksumAlgorithm: 'CRC64NVME' }, 'x-amz-checksum-crc64nvme')).toEqual({
      algorithm: 'CRC64NVME',
      source: 'trailer',
      trailer: 'x-amz-checksum-crc64nvme',
    });
  });

  it.each([
    [
      'an algorithm header alone',
      { ChecksumAlgorithm: 'CRC32' as const },
      undefined,
      'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
    ],
    [
      'two checksum headers',
      { ChecksumCRC32: crc, ChecksumSHA1: 'qvTGHdzF6KLavt4PO0gs2a6pQ00=' },
      undefined,
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    ],
    [
      'a header and a trailer',
      { ChecksumCRC32: crc },
      'x-amz-checksum-crc32',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    ],
    [
      'an algorithm header naming another algorithm',
      { ChecksumAlgorithm: 'SHA1' as const, ChecksumCRC32: crc },
      undefined,
      'Value for x-amz-sdk-checksum-algorithm header is invalid.',
    ],
    [
      'a value of the wrong length',
      { ChecksumCRC32: 'AAAA' },
      undefined,
      'Value for x-amz-checksum-crc32 header is invalid.',
    ],
    [
      'a value that is not base64',
      { ChecksumSHA256: '!!!' },
      undefined,
      'Value for x-amz-checksum-sha256 header is invalid.',
    ],
    ['an unknown trailer', {}, 'x-amz-meta-foo', 'The value specified in the x-amz-trailer header is not supported'],
  ])('refuses %s with InvalidRequest', (_name, input, trailer, message) => {
    expect(errorOf(() => planChecksum(input, trailer))).toEqual({ code: 'InvalidRequest', message });
  });

  it('answers NotImplemented for the algorithms iamd does not verify, rather than storing them unchecked', () => {
    expect(errorOf(() => planChecksum({ ChecksumSHA512: 'x' }, undefined))?.code).toBe('NotImplemented');
    expect(errorOf(() => planChecksum({}, 'x-amz-checksum-xxhash64'))?.code).toBe('NotImplemented');
  });
});

describe('expectedChecksum and verifyChecksum', () => {
  const plan = { algorithm: 'CRC32', source: 'trailer', trailer: 'x-amz-checksum-crc32' } as const;

  it('reads the announced trailer', () => {
    expect(expectedChecksum(plan, { 'x-amz-checksum-crc32': 'NjowIA==' })).toBe('NjowIA==');
  });

  it('refuses a missing trailer, a malformed one, and trailers nobody announced', () => {
    expect(errorOf(() => expectedChecksum(plan, {}))?.code).toBe('IncompleteBody');
    expect(errorOf(() => expectedChecksum(plan, { 'x-amz-checksum-crc32': 'AA' }))).toEqual({
      code: 'InvalidRequest',
      message: 'Value for x-amz-checksum-crc32 trailing header is invalid.',
    });
    expect(errorOf(() => expectedChecksum(undefined, { 'x-amz-checksum-crc32': 'NjowIA==' }))?.code).toBe(
      'MalformedTrailerError',
    );
    expect(
      errorOf(() => expectedChecksum(plan, { 'x-amz-checksum-sha1': 'x', 'x-amz-checksum-crc32': 'y' }))?.code,
    ).toBe('MalformedTrailerError');
  });

  it('passes a header plan through', () => {
    expect(expectedChecksum({ algorithm: 'SHA1', source: 'header', expected: 'abc' }, {})).toBe('abc');
  });

  it('answers BadDigest in S3 words on a mismatch', () => {
    expect(() => verifyChecksum('CRC32', 'NjowIA==', 'NjowIA==')).not.toThrow();
    expect(errorOf(() => verifyChecksum('CRC32', 'AAAAAA==', 'NjowIA=='))).toEqual({
      code: 'BadDigest',
      message: 'The CRC32 you specified did not match the calculated checksum.',
    });
  });

  it('validates values by length and canonical base64', () => {
    expect(isValidChecksum('CRC64NVME', Buffer.alloc(8).toString('base64'))).toBe(true);
    expect(isValidChecksum('CRC64NVME', Buffer.alloc(4).toString('base64'))).toBe(false);
    expect(isValidChecksum('SHA1', 'qvTGHdzF6KLavt4PO0gs2a6pQ00=')).toBe(true);
  });
});

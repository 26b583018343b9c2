/**
 * aws-chunked decoding against the S3 "sigv4-streaming" example as asserted by aws-c-auth
 * `tests/test_chunked_signing.c` (WIRE.md §5.1): 65536 + 1024 bytes of 'a', seed, chunk, final-chunk and
 * trailer signatures.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ChunkedDecodeError,
  type ChunkedDecoderOptions,
  createChunkedDecoder,
  credentialScope,
  deriveSigningKey,
  parseAuthorization,
  verifySignature,
} from './index.js';

const SEED = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
const CHUNK1 = 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648';
const CHUNK2 = '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497';
const FINAL = 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9';
const TRAILER = 'df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const AMZ_DATE = '20130524T000000Z';
const signed: ChunkedDecoderOptions = {
  mode: 'signed',
  seedSignature: SEED,
  signingKey: deriveSigningKey(SECRET, '20130524', 'us-east-1', 's3'),
  amzDate: AMZ_DATE,
  scope: credentialScope('20130524', 'us-east-1', 's3'),
};

const chunks = `10000;chunk-signature=${CHUNK1}\r\n${'a'.repeat(65536)}\r\n400;chunk-signature=${CHUNK2}\r\n${'a'.repeat(1024)}\r\n0;chunk-signature=${FINAL}\r\n`;
const signedBody = Buffer.from(`${chunks}\r\n`, 'latin1');
const trailerBody = Buffer.from(
  `${chunks}first:1st\r\nsecond:2nd\r\nthird:3rd\r\nx-amz-trailer-signature:${TRAILER}\r\n\r\n`,
  'latin1',
);

function decode(options: ChunkedDecoderOptions, body: Uint8Array, cuts: number[] = []) {
  const decoder = createChunkedDecoder(options);
  const points = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, body.length]) {
    out.push(...decoder.push(body.subarray(start, point)));
    start = point;
  }
  return { data: Buffer.concat(out), ...decoder.end() };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ChunkedDecodeError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('the S3 example request', () => {
  it('has the seed signature, which verifySignature accepts and whose key decodes the body', () => {
    const request = {
      method: 'PUT',
      path: '/examplebucket/chunkObject.txt',
      query: '',
      headers: {
        host: 's3.amazonaws.com',
        'x-amz-date': AMZ_DATE,
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=${SEED}`,
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '66560',
        'content-length': '66824',
      },
    };
    const parsed = parseAuthorization(request);
    expect(parsed?.ok).toBe(true);
    if (!parsed?.ok) return;
    const result = verifySignature({
      request,
      auth: parsed.auth,
      secretAccessKey: SECRET,
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      normalizePath: false,
      now: new Date('2013-05-24T00:05:00Z'),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const scope = credentialScope(parsed.auth.date, parsed.auth.region, parsed.auth.service);
    const options = {
      mode: 'signed',
      seedSignature: parsed.auth.signature,
      signingKey: result.signingKey,
      amzDate: parsed.auth.amzDate,
      scope,
    } as const;
    expect(signedBody.length).toBe(66824);
    expect(decode(options, signedBody).decodedLength).toBe(66560);
  });
});

describe('createChunkedDecoder: signed', () => {
  it('decodes the example in one piece', () => {
    const { data, trailers, decodedLength } = decode(signed, signedBody);
    expect(data.equals(Buffer.alloc(66560, 'a'))).toBe(true);
    expect(decodedLength).toBe(66560);
    expect(trailers).toEqual({});
  });

  it('decodes the example fed in random-sized pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: signedBody.length }), { maxLength: 40 }), (cuts) => {
        const { data } = decode(signed, signedBody, cuts);
        expect(data.equals(Buffer.alloc(66560, 'a'))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('decodes the example fed one byte at a time', () => {
    const decoder = createChunkedDecoder(signed);
    let length = 0;
    for (let i = 0; i < signedBody.length; i++) {
      for (const piece of decoder.push(signedBody.subarray(i, i + 1))) length += piece.length;
    }
    expect(length).toBe(66560);
    expect(decoder.end().decodedLength).toBe(66560);
  });

  it('rejects a tampered chunk byte, a tampered chunk signature and a wrong seed', () => {
    const tampered = Buffer.from(signedBody);
    tampered[100] = 'b'.charCodeAt(0);
    expect(codeOf(() => decode(signed, tampered))).toBe('SignatureDoesNotMatch');
    const badSignature = Buffer.from(
      signedBody.toString('latin1').replace(CHUNK2, CHUNK2.replace(/.$/, '8')),
      'latin1',
    );
    expect(codeOf(() => decode(signed, badSignature))).toBe('SignatureDoesNotMatch');
    expect(codeOf(() => decode({ ...signed, seedSignature: CHUNK1 }, signedBody))).toBe('SignatureDoesNotMatch');
  });

  it('rejects a final chunk signature that does not chain', () => {
    const badFinal = Buffer.from(signedBody.toString('latin1').replace(FINAL, CHUNK2), 'latin1');
    expect(codeOf(() => decode(signed, badFinal))).toBe('SignatureDoesNotMatch');
  });

  it('stays failed after an error', () => {
    const decoder = createChunkedDecoder(signed);
    expect(codeOf(() => decoder.push(Buffer.from('zz;chunk-signature=00\r\n')))).toBe('InvalidChunk');
    expect(codeOf(() => decoder.push(signedBody))).toBe('InvalidChunk');
    expect(codeOf(() => decoder.end())).toBe('InvalidChunk');
  });

  it.each([
    ['a size line without a signature', `400\r\n`, 'InvalidChunk'],
    ['a size line that is not hex', `x;chunk-signature=${CHUNK1}\r\n`, 'InvalidChunk'],
    ['a bare LF', `400;chunk-signature=${CHUNK1}\n`, 'InvalidChunk'],
    ['trailers in the plain signed mode', `${chunks}x-amz-checksum-crc32:AAAAAA==\r\n\r\n`, 'MalformedTrailer'],
    ['data not followed by CRLF', chunks.replace(`${'a'.repeat(1024)}\r\n`, `${'a'.repeat(1024)}xx`), 'InvalidChunk'],
    ['bytes after the end', `${chunks}\r\nextra`, 'InvalidChunk'],
  ])('rejects %s', (_, text, code) => {
    expect(codeOf(() => decode(signed, Buffer.from(text, 'latin1')))).toBe(code);
  });

  it('caps the framing line at 4 KiB', () => {
    const decoder = createChunkedDecoder(signed);
    decoder.push(Buffer.alloc(4000, '0'));
    expect(codeOf(() => decoder.push(Buffer.alloc(200, '0')))).toBe('InvalidChunk');
  });

  it('reports a truncated body as IncompleteBody', () => {
    for (const cut of [0, 10, 66000, signedBody.length - 1]) {
      const decoder = createChunkedDecoder(signed);
      decoder.push(signedBody.subarray(0, cut));
      expect(codeOf(() => decoder.end())).toBe('IncompleteBody');
    }
  });

  it('needs the signing material', () => {
    expect(() => createChunkedDecoder({ mode: 'signed', seedSignature: SEED })).toThrow(TypeError);
  });
});

describe('createChunkedDecoder: signed-trailer', () => {
  const options: ChunkedDecoderOptions = { ...signed, mode: 'signed-trailer' };

  it('verifies the trailer signature and returns the trailers', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: trailerBody.length }), { maxLength: 20 }), (cuts) => {
        const { trailers, decodedLength } = decode(options, trailerBody, cuts);
        expect(trailers).toEqual({ first: '1st', second: '2nd', third: '3rd' });
        expect(decodedLength).toBe(66560);
      }),
      { numRuns: 20 },
    );
  });

  it('rejects a changed trailer value, a missing trailer signature and a trailer after the signature', () => {
    const text = trailerBody.toString('latin1');
    expect(codeOf(() => decode(options, Buffer.from(text.replace('2nd', '2ND'), 'latin1')))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(
      codeOf(() => decode(options, Buffer.from(text.replace(`x-amz-trailer-signature:${TRAILER}\r\n`, ''), 'latin1'))),
    ).toBe('SignatureDoesNotMatch');
    expect(codeOf(() => decode(options, Buffer.from(text.replace(/\r\n\r\n$/, '\r\nlate:1\r\n\r\n'), 'latin1')))).toBe(
      'MalformedTrailer',
    );
  });
});

describe('createChunkedDecoder: unsigned-trailer (AWS SDK for JS v3 default)', () => {
  // smithy-typescript getAwsChunkedEncodingStream: `${len.toString(16)}\r\n<data>\r\n` … `0\r\n<checksum>\r\n\r\n`
  const body = Buffer.from('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n', 'latin1');

  it('decodes data and trailers in any split', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: body.length }), { maxLength: 10 }), (cuts) => {
        const { data, trailers } = decode({ mode: 'unsigned-trailer' }, body, cuts);
        expect(data.toString()).toBe('hello world');
        expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
      }),
    );
  });

  it('ignores chunk extensions and accepts no trailers', () => {
    const { data, trailers } = decode({ mode: 'unsigned-trailer' }, Buffer.from('3;ext=1\r\nabc\r\n0\r\n\r\n'));
    expect(data.toString()).toBe('abc');
    expect(trailers).toEqual({});
  });

  it('rejects trailer signatures, duplicate trailers and malformed trailer lines as malformed trailers', () => {
    const mode = { mode: 'unsigned-trailer' } as const;
    expect(codeOf(() => decode(mode, Buffer.from(`0\r\nx-amz-trailer-signature:${TRAILER}\r\n\r\n`)))).toBe(
      'MalformedTrailer',
    );
    expect(codeOf(() => decode(mode, Buffer.from('0\r\na:1\r\nA:2\r\n\r\n')))).toBe('MalformedTrailer');
    expect(codeOf(() => decode(mode, Buffer.from('0\r\nno-colon\r\n\r\n')))).toBe('MalformedTrailer');
    expect(codeOf(() => decode(mode, Buffer.from('0\r\n:x\r\n\r\n')))).toBe('MalformedTrailer');
  });

  it('keeps a "__proto__" trailer as plain data', () => {
    const { trailers } = decode({ mode: 'unsigned-trailer' }, Buffer.from('0\r\n__proto__:x\r\n\r\n'));
    expect(Object.getPrototypeOf(trailers)).toBe(Object.prototype);
    expect(Object.keys(trailers)).toEqual(['__proto__']);
  });
});

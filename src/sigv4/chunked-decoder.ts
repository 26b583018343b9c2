/**
 * @module sigv4/chunked-decoder
 * An incremental, pure decoder of `Content-Encoding: aws-chunked` bodies (WIRE.md §5.3):
 * `hex(size)[;chunk-signature=sig]\r\n data \r\n` … `0[;chunk-signature=sig]\r\n` then trailer lines
 * (`name:value\r\n`, and `x-amz-trailer-signature:sig\r\n` in the signed-trailer mode) and a final `\r\n`.
 *
 * Data passes straight through: `push` returns views of the input, and only one framing line (≤ 4 KiB) is ever
 * buffered. A chunk's signature can only be checked once all of its data has arrived, so decoded bytes are
 * unverified until `push` returns past that chunk and `end()` succeeds: write them somewhere provisional
 * (a temp file) and commit only after `end()`.
 */
import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import { normalizeHeaderValue } from './canonical-headers.js';
import { ChunkLineReader } from './chunk-line-reader.js';
import { chunkStringToSign, trailerStringToSign } from './chunk-signature.js';
import { ChunkedDecodeError } from './chunked-decode-error.js';
import { EMPTY_SHA256, signString, signaturesMatch } from './signing.js';

/**
 * `signed`: STREAMING-AWS4-HMAC-SHA256-PAYLOAD; `signed-trailer`: STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER;
 * `unsigned-trailer`: STREAMING-UNSIGNED-PAYLOAD-TRAILER (what AWS SDK for JS v3 sends by default).
 */
export type ChunkedMode = 'signed' | 'signed-trailer' | 'unsigned-trailer';

export interface ChunkedDecoderOptions {
  readonly mode: ChunkedMode;
  /** Signed modes: the request's own signature, which the first chunk signature chains from. */
  readonly seedSignature?: string;
  /** Signed modes: the key `verifySignature` returned. */
  readonly signingKey?: Uint8Array;
  /** Signed modes: the request's `X-Amz-Date`. */
  readonly amzDate?: string;
  /** Signed modes: `yyyymmdd/region/service/aws4_request`. */
  readonly scope?: string;
}

export interface ChunkedDecodeResult {
  readonly trailers: Record<string, string>;
  /** Decoded bytes; compare with `x-amz-decoded-content-length`. */
  readonly decodedLength: number;
}

export interface ChunkedDecoder {
  /** Feeds body bytes; returns the decoded data pieces in order. Throws {@link ChunkedDecodeError}. */
  push(bytes: Uint8Array): Uint8Array[];
  /** Call at end of body. Throws `IncompleteBody` unless the final chunk and trailer section were complete. */
  end(): ChunkedDecodeResult;
}

const MAX_LINE_BYTES = 4096;
const MAX_TRAILERS = 32;
const SIGNED_SIZE_LINE = /^([0-9a-fA-F]{1,13});chunk-signature=([0-9a-f]{64})$/;
const UNSIGNED_SIZE_LINE = /^([0-9a-fA-F]{1,13})(?:;.*)?$/;
const TRAILER_SIGNATURE = 'x-amz-trailer-signature';

interface Signer {
  readonly key: Uint8Array;
  readonly amzDate: string;
  readonly scope: string;
}

function invalid(message: string): ChunkedDecodeError {
  return new ChunkedDecodeError('InvalidChunk', message);
}

function malformedTrailer(message: string): ChunkedDecodeError {
  return new ChunkedDecodeError('MalformedTrailer', message);
}

class AwsChunkedDecoder implements ChunkedDecoder {
  readonly #mode: ChunkedMode;
  readonly #signer: Signer | undefined;
  readonly #lines = new ChunkLineReader(MAX_LINE_BYTES);
  readonly #trailers = new Map<string, string>();
  #previousSignature: string;
  #phase: 'size' | 'data' | 'data-cr' | 'data-lf' | 'trailer' | 'done' = 'size';
  #remaining = 0;
  #hash: Hash | undefined;
  #chunkSignature = '';
  #trailerSignature: string | undefined;
  #decodedLength = 0;
  #error: ChunkedDecodeError | undefined;

  constructor(options: ChunkedDecoderOptions) {
    this.#mode = options.mode;
    this.#previousSignature = options.seedSignature ?? '';
    if (options.mode === 'unsigned-trailer') return;
    const { seedSignature, signingKey, amzDate, scope } = options;
    if (!seedSignature || !signingKey || !amzDate || !scope) {
      throw new TypeError('signed aws-chunked decoding needs seedSignature, signingKey, amzDate and scope');
    }
    this.#signer = { key: signingKey, amzDate, scope };
  }

  push(bytes: Uint8Array): Uint8Array[] {
    if (this.#error) throw this.#error;
    try {
      return this.#consume(bytes);
    } catch (error) {
      if (error instanceof ChunkedDecodeError) this.#error = error;
      throw error;
    }
  }

  end(): ChunkedDecodeResult {
    if (this.#error) throw this.#error;
    if (this.#phase !== 'done') {
      this.#error = new ChunkedDecodeError('IncompleteBody', 'The aws-chunked body ended before its final chunk');
      throw this.#error;
    }
    return { trailers: Object.fromEntries(this.#trailers), decodedLength: this.#decodedLength };
  }

  #consume(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      if (this.#phase === 'data') {
        const take = Math.min(this.#remaining, bytes.length - offset);
        const piece = bytes.subarray(offset, offset + take);
        this.#hash?.update(piece);
        out.push(piece);
        offset += take;
        this.#remaining -= take;
        this.#decodedLength += take;
        if (this.#remaining === 0) {
          this.#verifyChunk(this.#hash?.digest('hex') ?? '');
          this.#phase = 'data-cr';
        }
      } else if (this.#phase === 'data-cr' || this.#phase === 'data-lf') {
        const expected = this.#phase === 'data-cr' ? 0x0d : 0x0a;
        if (bytes[offset] !== expected) throw invalid('chunk data must be followed by CRLF');
        offset += 1;
        this.#phase = this.#phase === 'data-cr' ? 'data-lf' : 'size';
      } else if (this.#phase === 'done') {
        throw invalid('data after the end of the aws-chunked body');
      } else {
        const read = this.#lines.read(bytes, offset);
        offset = read.offset;
        if (read.line === undefined) continue;
        if (this.#phase === 'size') this.#onSizeLine(read.line);
        else this.#onTrailerLine(read.line);
      }
    }
    return out;
  }

  #onSizeLine(line: string): void {
    const match = (this.#signer ? SIGNED_SIZE_LINE : UNSIGNED_SIZE_LINE).exec(line);
    if (!match) throw invalid(`malformed aws-chunked size line: '${line.slice(0, 120)}'`);
    const size = Number.parseInt(match[1]!, 16);
    if (this.#signer) {
      this.#chunkSignature = match[2]!;
      this.#hash = createHash('sha256');
    }
    if (size > 0) {
      this.#remaining = size;
      this.#phase = 'data';
      return;
    }
    this.#verifyChunk(EMPTY_SHA256);
    this.#phase = 'trailer';
  }

  #verifyChunk(dataHash: string): void {
    if (!this.#signer) return;
    const { key, amzDate, scope } = this.#signer;
    const expected = signString(key, chunkStringToSign(amzDate, scope, this.#previousSignature, dataHash));
    if (!signaturesMatch(expected, this.#chunkSignature)) {
      throw new ChunkedDecodeError(
        'SignatureDoesNotMatch',
        'The chunk signature we calculated does not match the signature you provided.',
      );
    }
    this.#previousSignature = this.#chunkSignature;
    this.#hash = undefined;
  }

  #onTrailerLine(line: string): void {
    if (line === '') {
      this.#finishTrailers();
      return;
    }
    if (this.#mode === 'signed') throw malformedTrailer('STREAMING-AWS4-HMAC-SHA256-PAYLOAD bodies carry no trailers');
    if (this.#trailerSignature !== undefined)
      throw malformedTrailer('x-amz-trailer-signature must be the last trailer');
    const colon = line.indexOf(':');
    const name = normalizeHeaderValue(line.slice(0, colon)).toLowerCase();
    if (colon <= 0 || name === '') throw malformedTrailer(`malformed trailer line: '${line.slice(0, 120)}'`);
    const value = normalizeHeaderValue(line.slice(colon + 1));
    if (name === TRAILER_SIGNATURE) {
      if (this.#mode !== 'signed-trailer')
        throw malformedTrailer('unexpected x-amz-trailer-signature in an unsigned body');
      this.#trailerSignature = value;
      return;
    }
    if (this.#trailers.has(name)) throw malformedTrailer(`duplicate trailer '${name}'`);
    if (this.#trailers.size >= MAX_TRAILERS) throw malformedTrailer(`more than ${MAX_TRAILERS} trailers`);
    this.#trailers.set(name, value);
  }

  #finishTrailers(): void {
    if (this.#mode === 'signed-trailer' && this.#signer) {
      if (this.#trailerSignature === undefined) {
        throw new ChunkedDecodeError('SignatureDoesNotMatch', 'The trailer is missing its x-amz-trailer-signature.');
      }
      const { key, amzDate, scope } = this.#signer;
      const toSign = trailerStringToSign(amzDate, scope, this.#previousSignature, Object.fromEntries(this.#trailers));
      if (!signaturesMatch(signString(key, toSign), this.#trailerSignature)) {
        throw new ChunkedDecodeError(
          'SignatureDoesNotMatch',
          'The trailer signature we calculated does not match the signature you provided.',
        );
      }
    }
    this.#phase = 'done';
  }
}

/**
 * Creates a decoder for one aws-chunked body.
 *
 * @example
 * const decoder = createChunkedDecoder({ mode: 'signed', seedSignature: auth.signature,
 *   signingKey: verified.signingKey, amzDate: auth.amzDate, scope: credentialScope(auth.date, auth.region, 's3') });
 * for await (const bytes of req) for (const piece of decoder.push(bytes)) file.write(piece);
 * const { trailers, decodedLength } = decoder.end();
 */
export function createChunkedDecoder(options: ChunkedDecoderOptions): ChunkedDecoder {
  return new AwsChunkedDecoder(options);
}

/**
 * @module sigv4/chunk-line-reader
 * Collects one CRLF-terminated framing line of an aws-chunked body across `push` calls, refusing lines longer
 * than a fixed cap so a client cannot make the server buffer an unbounded "header".
 */
import { ChunkedDecodeError } from './chunked-decode-error.js';

const LF = 0x0a;
const CR = 0x0d;

export class ChunkLineReader {
  readonly #maxBytes: number;
  #parts: Uint8Array[] = [];
  #length = 0;

  /** @param maxBytes longest accepted line, CRLF included. */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /**
   * Consumes `bytes` from `offset` up to and including the next LF. Returns the new offset and, once the line
   * is complete, its text without CRLF (framing is ASCII, so latin1 is lossless).
   */
  read(bytes: Uint8Array, offset: number): { offset: number; line?: string } {
    const lf = bytes.indexOf(LF, offset);
    const end = lf < 0 ? bytes.length : lf + 1;
    this.#length += end - offset;
    if (this.#length > this.#maxBytes) {
      throw new ChunkedDecodeError('InvalidChunk', `aws-chunked framing line longer than ${this.#maxBytes} bytes`);
    }
    this.#parts.push(bytes.slice(offset, end));
    if (lf < 0) return { offset: end };
    const whole = Buffer.concat(this.#parts);
    this.#parts = [];
    this.#length = 0;
    if (whole.length < 2 || whole[whole.length - 2] !== CR) {
      throw new ChunkedDecodeError('InvalidChunk', 'aws-chunked framing lines must end with CRLF');
    }
    return { offset: end, line: whole.toString('latin1', 0, whole.length - 2) };
  }
}

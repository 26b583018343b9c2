/**
 * @module storage/memory/text-chunks
 * Append-only UTF-8 text in large buffers outside the JavaScript heap, for the memory audit store's records: a kept
 * record then costs the collector a small object pointing into a chunk instead of a kilobyte string, which every
 * scavenge it lived through would copy (bench/README.md, "GC pauses"). A chunk is freed once no kept text points
 * into it.
 */

/** Bytes per chunk: a few hundred records. */
const CHUNK_BYTES = 1024 * 1024;

/** A piece of text kept in a chunk. */
export interface ChunkText {
  readonly chunk: Buffer;
  readonly start: number;
  readonly end: number;
}

/**
 * Writes texts one after another into chunks.
 *
 * @example
 * const chunks = new TextChunks();
 * const kept = chunks.keep('{"eventVersion":"1.08"}');
 * textOf(kept); // '{"eventVersion":"1.08"}'
 */
export class TextChunks {
  #chunk: Buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  #used = 0;

  /** Copies `text` into the current chunk (a new one when it may not fit). */
  keep(text: string): ChunkText {
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    const most = text.length * 3;
    if (this.#used + most > this.#chunk.length) {
      this.#chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, most));
      this.#used = 0;
    }
    const start = this.#used;
    this.#used += this.#chunk.write(text, start, 'utf8');
    return { chunk: this.#chunk, start, end: this.#used };
  }
}

/** The text kept by {@link TextChunks.keep}. */
export const textOf = (kept: ChunkText): string => kept.chunk.toString('utf8', kept.start, kept.end);

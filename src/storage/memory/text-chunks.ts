/**
 * @module storage/memory/text-chunks
 * Append-only UTF-8 text in large buffers outside the JavaScript heap, for the memory audit store's records: a kept
 * record then costs the collector a small object pointing into a chunk instead of a kilobyte string, which every
 * scavenge it lived through would copy (bench/README.md, "GC pauses"). Chunks are written in order, and the store
 * drops its oldest records first, so once the oldest record still kept lies in a later chunk the earlier chunks are
 * handed back (`release`) and reused: new buffers count as external memory, and allocating one after another made V8
 * start a mark-compact every few seconds under load.
 */

/** Bytes per chunk: a few hundred records. */
const CHUNK_BYTES = 1024 * 1024;

/** Released chunks kept for reuse. */
const MAX_FREE = 8;

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
  /** Chunks in the order they were written, the current one last. */
  #chunks: Buffer[] = [];
  readonly #free: Buffer[] = [];
  #used = 0;

  /** Copies `text` into the current chunk (the next one when it may not fit). */
  keep(text: string): ChunkText {
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    const most = text.length * 3;
    let chunk = this.#chunks[this.#chunks.length - 1];
    if (chunk === undefined || this.#used + most > chunk.length) {
      chunk = this.#next(most);
      this.#chunks.push(chunk);
      this.#used = 0;
    }
    const start = this.#used;
    this.#used += chunk.write(text, start, 'utf8');
    return { chunk, start, end: this.#used };
  }

  /**
   * Hands back every chunk written before `oldest`'s: the caller keeps no text in them any more, and they are
   * reused. Nothing is released if `oldest` is not one of the chunks.
   */
  release(oldest: ChunkText): void {
    const at = this.#chunks.indexOf(oldest.chunk);
    if (at <= 0) return;
    for (const chunk of this.#chunks.slice(0, at)) {
      if (chunk.length === CHUNK_BYTES && this.#free.length < MAX_FREE) this.#free.push(chunk);
    }
    this.#chunks = this.#chunks.slice(at);
  }

  #next(bytes: number): Buffer {
    if (bytes <= CHUNK_BYTES) return this.#free.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
    return Buffer.allocUnsafeSlow(bytes);
  }
}

/** The text kept by {@link TextChunks.keep}. */
export const textOf = (kept: ChunkText): string => kept.chunk.toString('utf8', kept.start, kept.end);

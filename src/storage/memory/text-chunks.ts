/**
 * @module storage/memory/text-chunks
 * Append-only UTF-8 text in large buffers outside the JavaScript heap, for the memory audit store's records: a kept
 * record then costs the collector nothing, where a kilobyte string would be copied by every scavenge it lived through
 * and marked by every major collection (bench/README.md, "GC pauses"). Chunks are numbered in the order they are
 * written, and the store drops its oldest records first, so once the oldest record still kept lies in a later chunk
 * the earlier chunks are handed back (`release`) and reused: new buffers count as external memory, and allocating one
 * after another made V8 start a mark-compact every few seconds under load.
 *
 * With a `reserve`, chunks are cut from one buffer of that size allocated once the first few chunks are full: the operating
 * system backs its pages only as they are written (an allocation this large is a fresh anonymous mapping), so the
 * process's resident memory grows with the text as before, but V8 sees its external memory grow once, at the first
 * few megabytes, rather than by a chunk at a time while the store fills; each 64 MB of such growth started a mark-compact of
 * 4–7 ms under load (bench/README.md, "STS", sixth session).
 */

/** Bytes per chunk: several hundred records. */
const CHUNK_BYTES = 1024 * 1024;

/** Released chunks kept for reuse. */
const MAX_FREE = 8;

/**
 * Chunks allocated one by one before the reserve is taken: a store that never holds more text than this (a test's, an
 * idle server's) does not reserve anything.
 */
const CHUNKS_BEFORE_RESERVE = 4;

/**
 * Writes texts one after another into numbered chunks. A caller reserves room for what it is about to write, so that
 * texts written together land in one chunk, then appends them and remembers the chunk's number and the offsets.
 *
 * @example
 * const chunks = new TextChunks();
 * const seq = chunks.reserve(TextChunks.mostBytes('{"eventVersion":"1.08"}'));
 * const start = chunks.offset;
 * const end = chunks.append('{"eventVersion":"1.08"}');
 * chunks.text(seq, start, end); // '{"eventVersion":"1.08"}'
 */
export class TextChunks {
  /** Chunks still holding kept text, the one being written last; `#chunks[0]` is number `#first`. */
  #chunks: Buffer[] = [];
  #first = 0;
  readonly #free: Buffer[] = [];
  #used = 0;
  #reserveChunks: number;
  /** The reserved buffer once allocated, how many chunks were cut from it, and those released (all reused). */
  #slab: Buffer | undefined;
  #made = 0;
  #cut = 0;
  readonly #slabFree: Buffer[] = [];

  readonly #allocateReserve: (bytes: number) => Buffer;

  /**
   * `reserve`: bytes to allocate at once for the chunks after the first few (whole chunks; none by default).
   * `allocateReserve` (tests) allocates it; when it fails, chunks are allocated one by one as without a reserve.
   */
  constructor(reserve = 0, allocateReserve: (bytes: number) => Buffer = Buffer.allocUnsafeSlow) {
    this.#reserveChunks = Math.floor(reserve / CHUNK_BYTES);
    this.#allocateReserve = allocateReserve;
  }

  /** Whether the reserved buffer has been allocated (for tests). */
  get reserved(): boolean {
    return this.#slab !== undefined;
  }

  /** The most bytes `text` can take as UTF-8: a UTF-16 code unit never takes more than three. */
  static mostBytes(text: string): number {
    return text.length * 3;
  }

  /** Bytes of the chunks still holding text (the reusable free ones not counted). */
  get liveBytes(): number {
    let bytes = 0;
    for (const chunk of this.#chunks) bytes += chunk.length;
    return bytes;
  }

  /**
   * Whether `bytes` more can be written without the chunks holding text growing past `budget`: they fit in the
   * current chunk, or a new chunk for them keeps the total within the budget.
   */
  fits(bytes: number, budget: number): boolean {
    const current = this.#chunks[this.#chunks.length - 1];
    if (current !== undefined && this.#used + bytes <= current.length) return true;
    return this.liveBytes + Math.max(CHUNK_BYTES, bytes) <= budget;
  }

  /** Where the next append starts in the current chunk. */
  get offset(): number {
    return this.#used;
  }

  /**
   * Makes sure the current chunk has room for `bytes` more bytes (starting the next chunk if not) and returns its
   * number.
   */
  reserve(bytes: number): number {
    const current = this.#chunks[this.#chunks.length - 1];
    if (current === undefined || this.#used + bytes > current.length) {
      this.#chunks.push(this.#next(bytes));
      this.#used = 0;
    }
    return this.#first + this.#chunks.length - 1;
  }

  /** Copies `text` to the end of the current chunk (room for it reserved) and returns the offset after it. */
  append(text: string): number {
    const current = this.#chunks[this.#chunks.length - 1] as Buffer;
    this.#used += current.write(text, this.#used, 'utf8');
    return this.#used;
  }

  /** The text of chunk `seq` between two offsets. */
  text(seq: number, start: number, end: number): string {
    return this.chunk(seq).toString('utf8', start, end);
  }

  /** Chunk number `seq`, which must not have been released. */
  chunk(seq: number): Buffer {
    const chunk = this.#chunks[seq - this.#first];
    if (chunk === undefined) throw new RangeError(`text chunk ${seq} was released`);
    return chunk;
  }

  /** Hands back every chunk numbered below `oldest` (the caller keeps no text in them any more) for reuse. */
  release(oldest: number): void {
    const count = Math.min(oldest - this.#first, this.#chunks.length - 1);
    if (count <= 0) return;
    for (const chunk of this.#chunks.splice(0, count)) {
      if (this.#slab !== undefined && chunk.buffer === this.#slab.buffer) this.#slabFree.push(chunk);
      else if (chunk.length === CHUNK_BYTES && this.#free.length < MAX_FREE) this.#free.push(chunk);
    }
    this.#first += count;
  }

  #next(bytes: number): Buffer {
    if (bytes <= CHUNK_BYTES) return this.#slabFree.pop() ?? this.#free.pop() ?? this.#cutChunk();
    return Buffer.allocUnsafeSlow(bytes);
  }

  /** A new chunk: of its own for the first few, then cut from the reserved buffer while it lasts. */
  #cutChunk(): Buffer {
    this.#made += 1;
    if (this.#made <= CHUNKS_BEFORE_RESERVE || this.#cut >= this.#reserveChunks)
      return Buffer.allocUnsafeSlow(CHUNK_BYTES);
    if (this.#slab === undefined) {
      try {
        this.#slab = this.#allocateReserve(this.#reserveChunks * CHUNK_BYTES);
      } catch {
        // An address space or overcommit limit refused the reservation: keep allocating chunk by chunk.
        this.#reserveChunks = 0;
        return Buffer.allocUnsafeSlow(CHUNK_BYTES);
      }
    }
    const start = this.#cut * CHUNK_BYTES;
    this.#cut += 1;
    return this.#slab.subarray(start, start + CHUNK_BYTES);
  }
}

/**
 * @module storage/utf8-buffer
 * Text appended as UTF-8 into memory outside the JavaScript heap. The audit sinks stage each record here the moment
 * it is built, so the record's strings die young: text kept on the heap until its batch is written is copied by
 * every scavenge it lives through, which made each scavenge three to four times as long (bench/README.md,
 * "GC pauses"). A buffer's bytes are one object to the collector, and it never copies them.
 *
 * Written buffers are handed back with `recycle` once their batch is written, and reused: a fresh buffer's pages
 * are faulted in (and zeroed by the kernel) on first write, which cost more than encoding the text into them.
 */

/** The smallest buffer allocated, in bytes. */
const MIN_BYTES = 16 * 1024;

/** Buffers kept for reuse: a sink has at most a batch being written and one being staged. */
const MAX_SPARES = 4;

/**
 * A growable UTF-8 byte buffer: `write` appends, `take` hands over what was written and starts afresh.
 *
 * @example
 * const staged = new Utf8Buffer();
 * staged.write('{"eventVersion":"1.08"}');
 * staged.writeNewline();
 * const bytes = staged.take(); // Buffer of 24 bytes
 */
export class Utf8Buffer {
  #bytes: Buffer;
  #length = 0;
  readonly #spares: ArrayBuffer[] = [];

  constructor(initialBytes = MIN_BYTES) {
    this.#bytes = Buffer.allocUnsafeSlow(Math.max(MIN_BYTES, initialBytes));
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.#length;
  }

  /** Appends `text` encoded as UTF-8. */
  write(text: string): void {
    // A UTF-16 code unit never takes more than three bytes of UTF-8 (a surrogate pair: four bytes for two units).
    const most = text.length * 3;
    if (this.#length + most > this.#bytes.length) this.#grow(most);
    this.#length += this.#bytes.write(text, this.#length, 'utf8');
  }

  /** Appends a line feed. */
  writeNewline(): void {
    if (this.#length + 1 > this.#bytes.length) this.#grow(1);
    this.#bytes[this.#length++] = 0x0a;
  }

  /**
   * What was written since the last `take`, as a view of a buffer that owns its whole `ArrayBuffer` (so it can be
   * transferred to a worker thread without copying). The next writes go to a new buffer of the same capacity.
   */
  take(): Buffer {
    if (this.#length === 0) return Buffer.alloc(0);
    const taken = this.#bytes.subarray(0, this.#length);
    this.#bytes = this.#allocate(this.#bytes.length);
    this.#length = 0;
    return taken;
  }

  /**
   * Gives back the memory of a buffer returned by `take` (or the `ArrayBuffer` under it, after a round trip to a
   * worker thread) once nothing reads it any more; later buffers reuse it.
   */
  recycle(taken: ArrayBuffer | Buffer): void {
    const memory = taken instanceof ArrayBuffer ? taken : (taken.buffer as ArrayBuffer);
    if (memory.byteLength < MIN_BYTES) return;
    if (this.#spares.length < MAX_SPARES) {
      this.#spares.push(memory);
      return;
    }
    // Full: keep the larger buffers. The small ones a buffer outgrew while it filled would otherwise hold every place,
    // and each batch's buffer, too large for any of them, would be allocated afresh and faulted in (seen in the
    // SQLite writer thread: a new 4 MiB buffer per batch, bench/README.md, "Audit trail", seventh session).
    let smallest = 0;
    for (let i = 1; i < this.#spares.length; i++) {
      if ((this.#spares[i] as ArrayBuffer).byteLength < (this.#spares[smallest] as ArrayBuffer).byteLength)
        smallest = i;
    }
    if ((this.#spares[smallest] as ArrayBuffer).byteLength < memory.byteLength) this.#spares[smallest] = memory;
  }

  /** A buffer of at least `bytes`: a spare if one is large enough, a new one otherwise. */
  #allocate(bytes: number): Buffer {
    for (let i = this.#spares.length - 1; i >= 0; i--) {
      const spare = this.#spares[i] as ArrayBuffer;
      if (spare.byteLength < bytes) continue;
      this.#spares.splice(i, 1);
      return Buffer.from(spare);
    }
    return Buffer.allocUnsafeSlow(bytes);
  }

  #grow(needed: number): void {
    const grown = this.#allocate(Math.max(this.#bytes.length * 2, this.#length + needed));
    this.#bytes.copy(grown, 0, 0, this.#length);
    this.recycle(this.#bytes);
    this.#bytes = grown;
  }
}

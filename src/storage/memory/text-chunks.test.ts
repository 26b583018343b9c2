import { describe, expect, it } from 'vitest';
import { TextChunks } from './text-chunks.js';

describe('TextChunks', () => {
  const record = `{"userAgent":"é€😀","padding":"${'x'.repeat(100_000)}"}`;
  const keep = (chunks: TextChunks, text: string) => {
    const seq = chunks.reserve(TextChunks.mostBytes(text));
    const start = chunks.offset;
    return { seq, start, end: chunks.append(text) };
  };

  it('keeps texts byte for byte across chunks, and reuses released chunks only', () => {
    const chunks = new TextChunks();
    const kept = Array.from({ length: 25 }, () => keep(chunks, record));
    for (const one of kept) expect(chunks.text(one.seq, one.start, one.end)).toBe(record);
    const seqs = [...new Set(kept.map((one) => one.seq))];
    expect(seqs.length).toBeGreaterThan(2);
    const buffers = seqs.map((seq) => chunks.chunk(seq));
    // Keep the records from the third chunk on: the first two chunks are free again.
    chunks.release(seqs[2] as number);
    expect(() => chunks.chunk(seqs[0] as number)).toThrow(RangeError);
    const later = Array.from({ length: 25 }, () => keep(chunks, record));
    const reused = new Set(later.map((one) => chunks.chunk(one.seq)));
    expect(reused.has(buffers[0] as Buffer) || reused.has(buffers[1] as Buffer)).toBe(true);
    // Chunks still holding kept records are never written again (the last one is still being filled).
    for (const chunk of buffers.slice(2, -1)) expect(reused.has(chunk)).toBe(false);
    for (const one of [...kept.filter((k) => k.seq >= (seqs[2] as number)), ...later]) {
      expect(chunks.text(one.seq, one.start, one.end)).toBe(record);
    }
  });

  it('never releases the chunk being written, and keeps texts written together in one chunk', () => {
    const chunks = new TextChunks();
    const first = keep(chunks, 'a');
    chunks.release(first.seq + 5);
    const second = keep(chunks, 'b');
    expect(second.seq).toBe(first.seq);
    expect(chunks.text(second.seq, first.start, second.end)).toBe('ab');
    const big = 'y'.repeat(2_000_000);
    const large = keep(chunks, big);
    expect(large.seq).toBe(first.seq + 1);
    expect(chunks.text(large.seq, large.start, large.end)).toBe(big);
  });
});

describe('TextChunks.fits', () => {
  it('fits what the current chunk has room for, or what a new chunk keeps within the budget', () => {
    const chunks = new TextChunks();
    expect(chunks.fits(10, 0)).toBe(false);
    expect(chunks.fits(10, 1024 * 1024)).toBe(true);
    chunks.reserve(10);
    chunks.append('0123456789');
    expect(chunks.liveBytes).toBe(1024 * 1024);
    expect(chunks.fits(1000, 1024 * 1024)).toBe(true);
    expect(chunks.fits(1024 * 1024, 1024 * 1024)).toBe(false);
    expect(chunks.fits(1024 * 1024, 2 * 1024 * 1024)).toBe(true);
  });
});

describe('TextChunks with a reserve', () => {
  const text = 'r'.repeat(300_000);
  const keep = (chunks: TextChunks) => {
    const seq = chunks.reserve(TextChunks.mostBytes(text));
    const start = chunks.offset;
    return { seq, start, end: chunks.append(text) };
  };

  it('cuts chunks from one buffer once the first few are full, and reuses them all as records are dropped', () => {
    const chunks = new TextChunks(16 * 1024 * 1024);
    const kept = [keep(chunks)];
    while (!chunks.reserved) kept.push(keep(chunks));
    // Four chunks of their own first (a store that holds little reserves nothing), then the reserve.
    expect(kept.at(-1)?.seq).toBe(4);
    const slab = chunks.chunk(4).buffer;
    expect(chunks.chunk(3).buffer).not.toBe(slab);
    // Keep writing and dropping: the latest 8 texts stay (a chunk each: room is reserved for three bytes a
    // character). Nothing is allocated any more: every chunk is one of the first four or cut from the reserve, which
    // is never used up because released chunks are reused.
    const memories = new Set(kept.map((one) => chunks.chunk(one.seq).buffer));
    for (let i = 0; i < 400; i++) {
      kept.push(keep(chunks));
      chunks.release((kept[Math.max(0, kept.length - 8)] as { seq: number }).seq);
      memories.add(chunks.chunk((kept.at(-1) as { seq: number }).seq).buffer);
    }
    expect(memories.size).toBe(5);
    for (const one of kept.slice(-8)) expect(chunks.text(one.seq, one.start, one.end)).toBe(text);
    expect(chunks.liveBytes).toBe(8 * 1024 * 1024);
  });

  it('reserves nothing without a reserve, and allocates past the reserve when it is used up', () => {
    const none = new TextChunks();
    for (let i = 0; i < 30; i++) keep(none);
    expect(none.reserved).toBe(false);
    const small = new TextChunks(2 * 1024 * 1024);
    const kept = Array.from({ length: 30 }, () => keep(small));
    expect(small.reserved).toBe(true);
    // Four chunks of their own, two cut from the 2 MiB reserve, then chunks of their own again.
    const memories = kept.map((one) => small.chunk(one.seq).buffer);
    expect(memories[4]).toBe(memories[5]);
    expect(new Set(memories).size).toBe(30 - 1);
    for (const one of kept) expect(small.text(one.seq, one.start, one.end)).toBe(text);
  });

  it('allocates chunk by chunk when the reservation is refused', () => {
    const refused = new TextChunks(16 * 1024 * 1024, () => {
      throw new RangeError('Array buffer allocation failed');
    });
    const kept = Array.from({ length: 12 }, () => keep(refused));
    expect(refused.reserved).toBe(false);
    for (const one of kept) expect(refused.text(one.seq, one.start, one.end)).toBe(text);
  });
});

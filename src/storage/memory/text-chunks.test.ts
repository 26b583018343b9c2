import { describe, expect, it } from 'vitest';
import { TextChunks, textOf } from './text-chunks.js';

describe('TextChunks', () => {
  it('keeps texts byte for byte across chunks, and reuses released chunks only', () => {
    const chunks = new TextChunks();
    const record = `{"userAgent":"é€😀","padding":"${'x'.repeat(100_000)}"}`;
    const kept = Array.from({ length: 25 }, () => chunks.keep(record));
    for (const one of kept) expect(textOf(one)).toBe(record);
    const used = [...new Set(kept.map((one) => one.chunk))];
    expect(used.length).toBeGreaterThan(2);
    // Keep the records from the third chunk on: the first two chunks are free again.
    const oldest = kept.find((one) => one.chunk === used[2]);
    chunks.release(oldest as (typeof kept)[number]);
    const later = Array.from({ length: 25 }, () => chunks.keep(record));
    const reused = new Set(later.map((one) => one.chunk));
    expect(reused.has(used[0] as Buffer) || reused.has(used[1] as Buffer)).toBe(true);
    // Chunks still holding kept records are never written again (the last one is still being filled).
    for (const chunk of used.slice(2, -1)) expect(reused.has(chunk)).toBe(false);
    for (const one of [...kept.filter((k) => !used.slice(0, 2).includes(k.chunk)), ...later]) {
      expect(textOf(one)).toBe(record);
    }
  });
});

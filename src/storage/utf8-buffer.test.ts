import { describe, expect, it } from 'vitest';
import { Utf8Buffer } from './utf8-buffer.js';

describe('Utf8Buffer', () => {
  it('appends text as UTF-8 across growths, and take() hands over exactly what was written', () => {
    const staged = new Utf8Buffer(1);
    const texts = ['ascii', 'é', '€', '😀', 'x'.repeat(40_000), '"\\u0000"'];
    for (const text of texts) {
      staged.write(text);
      staged.writeNewline();
    }
    const expected = Buffer.from(texts.map((text) => `${text}\n`).join(''), 'utf8');
    expect(staged.length).toBe(expected.length);
    const taken = staged.take();
    expect(taken.equals(expected)).toBe(true);
    // The view starts its own ArrayBuffer, so the buffer can be transferred whole.
    expect(taken.byteOffset).toBe(0);
    expect(staged.length).toBe(0);
    expect(staged.take().length).toBe(0);
    staged.write('next');
    expect(staged.take().toString('utf8')).toBe('next');
    expect(taken.toString('utf8', 0, 6)).toBe('ascii\n');
  });

  it('reuses the memory of recycled buffers, and never hands out memory still in use', () => {
    const staged = new Utf8Buffer();
    staged.write('first batch');
    const first = staged.take();
    staged.write('second batch');
    const second = staged.take();
    expect(second.buffer).not.toBe(first.buffer);
    staged.recycle(first.buffer as ArrayBuffer);
    // The buffer being filled was allocated when `second` was taken; the recycled one comes next.
    staged.write('third batch');
    const third = staged.take();
    staged.write('fourth batch');
    const fourth = staged.take();
    expect(fourth.buffer).toBe(first.buffer);
    expect([second, third, fourth].map((taken) => taken.toString('utf8'))).toEqual([
      'second batch',
      'third batch',
      'fourth batch',
    ]);
    // Memory too small for what is being written is not used for it.
    const big = new Utf8Buffer();
    big.write('x');
    const small = big.take();
    big.recycle(small);
    big.write('y'.repeat(100_000));
    expect(big.take().buffer).not.toBe(small.buffer);
  });

  it('keeps a large recycled buffer rather than the small ones it outgrew, so large batches reuse memory', () => {
    const staged = new Utf8Buffer();
    // A batch of many records: the buffer doubles from its small start several times, and recycles each outgrown one.
    const batch = () => {
      for (let i = 0; i < 2_000; i++) staged.write('x'.repeat(100));
    };
    batch();
    const first = staged.take();
    staged.recycle(first);
    batch();
    staged.take();
    batch();
    // The batch after next is written into the first batch's memory, not into a new buffer of its size.
    expect(staged.take().buffer).toBe(first.buffer);
  });
});

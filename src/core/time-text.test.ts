import { describe, expect, it } from 'vitest';
import { isoSeconds, perSecond } from './time-text.js';

describe('perSecond', () => {
  it('answers as the format does for instants in one second, the next, and before 1970', () => {
    let calls = 0;
    const remembered = perSecond((date) => {
      calls++;
      return isoSeconds(date);
    });
    const second = Date.UTC(2026, 10, 28, 14, 0, 0);
    for (const ms of [second, second + 999, second + 1000, second + 1, -1, -1000, -1001, 0]) {
      expect(remembered(new Date(ms))).toBe(isoSeconds(new Date(ms)));
    }
    // second and second+999 share an answer, and so do -1 ms and -1000 ms (both in the second before 1970).
    expect(calls).toBe(6);
  });

  it('keeps one answer per place that made one', () => {
    const a = perSecond(isoSeconds);
    const b = perSecond(isoSeconds);
    expect(a(new Date(0))).toBe('1970-01-01T00:00:00Z');
    expect(b(new Date(3_600_000))).toBe('1970-01-01T01:00:00Z');
    expect(a(new Date(500))).toBe('1970-01-01T00:00:00Z');
  });
});

import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp, toDate } from './timestamps.js';

const instant = new Date(Date.UTC(2026, 10, 28, 14, 0, 0, 123));

describe('formatTimestamp', () => {
  it('prints each style', () => {
    expect(formatTimestamp(instant, 'iso8601')).toBe('2026-11-28T14:00:00.123Z');
    expect(formatTimestamp(instant, 'iso8601-seconds')).toBe('2026-11-28T14:00:00Z');
    expect(formatTimestamp(instant, 'rfc822')).toBe('Sat, 28 Nov 2026 14:00:00 GMT');
    expect(formatTimestamp(new Date(1_500), 'unixTimestamp')).toBe('1.5');
  });

  it('prints whole seconds right for instants in one second, the next, and before 1970', () => {
    const second = Date.UTC(2026, 10, 28, 14, 0, 0);
    for (const ms of [second, second + 999, second + 1000, second + 1, -1, -1000, -1001, 0]) {
      expect(formatTimestamp(new Date(ms), 'iso8601-seconds')).toBe(`${new Date(ms).toISOString().slice(0, 19)}Z`);
    }
  });

  it('accepts ISO strings and epoch seconds, and rejects garbage', () => {
    expect(toDate('2026-11-28T14:00:00Z').getTime()).toBe(Date.UTC(2026, 10, 28, 14));
    expect(toDate(60).getTime()).toBe(60_000);
    expect(() => toDate('yesterday')).toThrow(TypeError);
    expect(() => toDate({})).toThrow(TypeError);
  });
});

describe('parseTimestamp', () => {
  it('reads ISO-8601, RFC 7231 and epoch seconds', () => {
    expect(parseTimestamp('2026-11-28T14:00:00Z')?.getTime()).toBe(Date.UTC(2026, 10, 28, 14));
    expect(parseTimestamp('2026-11-28T15:00:00+01:00')?.getTime()).toBe(Date.UTC(2026, 10, 28, 14));
    expect(parseTimestamp('Sat, 28 Nov 2026 14:00:00 GMT')?.getTime()).toBe(Date.UTC(2026, 10, 28, 14));
    expect(parseTimestamp('1795874400')?.getTime()).toBe(1_795_874_400_000);
  });

  it('rejects anything else', () => {
    expect(parseTimestamp('')).toBeUndefined();
    expect(parseTimestamp('2026-11-28')).toBeUndefined();
    expect(parseTimestamp('tomorrow')).toBeUndefined();
    expect(parseTimestamp('2026-13-45T99:00:00Z')).toBeUndefined();
  });
});

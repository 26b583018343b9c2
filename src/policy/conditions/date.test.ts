import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { ContextValue } from '../types.js';
import { compileCondition } from './compile-condition.js';
import { parseDate } from './date.js';

const check = (op: string, values: string[], value: ContextValue | undefined) =>
  compileCondition(
    op,
    'aws:CurrentTime',
    values,
    true,
  )(createContext({ 'aws:currenttime': value }), { noteMissing() {} });

describe('parseDate', () => {
  it('reads epoch values as seconds, not milliseconds (tricky case 15)', () => {
    expect(parseDate('1700000000')).toBe(Date.UTC(2023, 10, 14, 22, 13, 20));
    expect(parseDate('1700000000.5')).toBe(Date.UTC(2023, 10, 14, 22, 13, 20) + 500);
  });

  it('reads ISO 8601 with zones, fractions and date-only forms; no zone means UTC', () => {
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2024-02-29T10:00:00Z')).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseDate('2024-02-29T10:00:00')).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseDate('2024-02-29T12:30:00+02:30')).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseDate('2024-02-29T10:00:00.250Z')).toBe(Date.UTC(2024, 1, 29, 10) + 250);
  });

  it('rejects malformed dates', () => {
    for (const bad of ['2023-02-29', '2024-13-01', 'yesterday', '', '2024-01-01T25:00:00Z']) {
      expect(parseDate(bad)).toBeUndefined();
    }
  });
});

describe('Date operators', () => {
  it('compare ISO and epoch values on one scale', () => {
    expect(check('DateLessThan', ['2024-01-01T00:00:00Z'], '1700000000')).toBe(true);
    expect(check('DateGreaterThan', ['1700000000'], '2024-01-01T00:00:00Z')).toBe(true);
    expect(check('DateEquals', ['2023-11-14T22:13:20Z'], '1700000000')).toBe(true);
    expect(check('DateNotEquals', ['2023-11-14T22:13:20Z'], '1700000001')).toBe(true);
    expect(check('DateLessThanEquals', ['1700000000'], '1700000000')).toBe(true);
    expect(check('DateGreaterThanEquals', ['1700000001'], '1700000000')).toBe(false);
  });

  it('never matches a malformed request date', () => {
    expect(check('DateLessThan', ['2030-01-01'], 'soon')).toBe(false);
    expect(check('DateNotEquals', ['2030-01-01'], 'soon')).toBe(false);
  });
});

/**
 * @module policy/conditions/date
 * Date condition operators (IAM User Guide, "Condition operators" → Date). Values are ISO 8601 dates or epoch
 * **seconds** (IAM-SEMANTICS.md tricky case 15): `aws:EpochTime` is seconds and comparing it with
 * `Date.parse` milliseconds is the classic bug. ISO values without a time zone are read as UTC, never as the
 * host's local time, so decisions do not depend on where the server runs.
 */

import type { OperatorSpec, OperatorTable } from './types.js';

const EPOCH = /^\s*-?\d+(?:\.\d+)?\s*$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The digits of `text` from `from` to `to` as a number, or -1 when one is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The hot path of {@link parseDate}, without regexes or allocation: all digits (epoch seconds) and the form
 * iamd itself writes for `aws:CurrentTime`, `YYYY-MM-DDTHH:MM:SSZ`. `undefined` means "use the full parser".
 */
function parseCommon(text: string): number | undefined {
  const n = text.length;
  if (n > 0 && n <= 15) {
    const seconds = digitsAt(text, 0, n);
    if (seconds >= 0) return seconds * 1000;
  }
  if (n !== 20 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54) {
    return undefined;
  }
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x5a) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + Math.min(second, 59) * 1000;
}

/**
 * Parses an IAM date (ISO 8601 or epoch seconds) into epoch milliseconds; `undefined` when malformed.
 * @example
 * parseDate('1700000000') === parseDate('2023-11-14T22:13:20Z'); // true
 */
export function parseDate(text: string): number | undefined {
  const common = parseCommon(text);
  if (common !== undefined) return common;
  if (EPOCH.test(text)) return Number(text) * 1000;
  const m = ISO.exec(text.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((s) => Number(s ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  return utc + fraction - zoneOffsetMinutes(m[8]) * 60_000;
}

function op(negated: boolean, compare: (request: number, policy: number) => boolean): OperatorSpec {
  return {
    negated,
    compile: (values) => {
      const dates = values.map(parseDate).filter((d) => d !== undefined);
      return (value) => {
        const r = parseDate(value);
        if (r === undefined) return undefined;
        for (const p of dates) if (compare(r, p)) return true;
        return false;
      };
    },
  };
}

/** The Date family. */
export const dateOperators: OperatorTable = {
  DateEquals: op(false, (r, p) => r === p),
  DateNotEquals: op(true, (r, p) => r === p),
  DateLessThan: op(false, (r, p) => r < p),
  DateLessThanEquals: op(false, (r, p) => r <= p),
  DateGreaterThan: op(false, (r, p) => r > p),
  DateGreaterThanEquals: op(false, (r, p) => r >= p),
};

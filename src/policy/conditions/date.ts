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

/**
 * Parses an IAM date (ISO 8601 or epoch seconds) into epoch milliseconds; `undefined` when malformed.
 * @example
 * parseDate('1700000000') === parseDate('2023-11-14T22:13:20Z'); // true
 */
export function parseDate(text: string): number | undefined {
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

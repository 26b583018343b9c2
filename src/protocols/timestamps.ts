/**
 * @module protocols/timestamps
 * Timestamp formats on the wire. Defaults per protocol follow the Smithy `timestampFormat` trait rules:
 * Query and XML bodies use ISO-8601 (`date-time`), REST headers use the RFC 7231 IMF-fixdate (`http-date`),
 * unless the model names a format. AWS's Query services print whole seconds (`2026-11-28T14:00:00Z`, as in
 * every STS/IAM response example); S3 bodies print milliseconds (`2026-11-28T14:00:00.000Z`).
 */
import { isoSeconds, perSecond } from '../core/time-text.js';
import type { TimestampFormat } from './model-types.js';

/** How a timestamp is printed. `iso8601-seconds` is the Query flavour of ISO-8601. */
export type TimestampStyle = TimestampFormat | 'iso8601-seconds';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

/** Converts a domain value (a `Date`, an ISO string, or epoch seconds as AWS models them) to a `Date`. */
export function toDate(value: unknown): Date {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'number'
        ? new Date(value * 1000)
        : typeof value === 'string'
          ? new Date(value)
          : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new TypeError('invalid timestamp value');
  return date;
}

/** Whole seconds, remembered per second: the expirations of sessions issued in one second share it. */
const wholeSeconds = perSecond(isoSeconds);

/**
 * Prints a timestamp in the given style.
 *
 * @example
 * formatTimestamp(new Date(Date.UTC(2026, 10, 28, 14)), 'iso8601-seconds'); // '2026-11-28T14:00:00Z'
 * formatTimestamp(new Date(Date.UTC(2026, 10, 28, 14)), 'rfc822'); // 'Sat, 28 Nov 2026 14:00:00 GMT'
 */
export function formatTimestamp(value: unknown, style: TimestampStyle): string {
  const date = toDate(value);
  switch (style) {
    case 'iso8601':
      return date.toISOString();
    case 'iso8601-seconds':
      return wholeSeconds(date);
    case 'rfc822':
      return date.toUTCString();
    case 'unixTimestamp':
      return String(date.getTime() / 1000);
  }
}

/**
 * Parses a timestamp as clients send it: ISO-8601, an RFC 7231/822 date, or epoch seconds.
 * Returns `undefined` for anything else.
 */
export function parseTimestamp(text: string): Date | undefined {
  const trimmed = text.trim();
  let ms: number;
  if (EPOCH.test(trimmed)) ms = Number(trimmed) * 1000;
  else if (ISO_8601.test(trimmed) || /^[A-Za-z]{3}, /.test(trimmed)) ms = Date.parse(trimmed);
  else return undefined;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

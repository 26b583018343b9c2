/**
 * @module sigv4/amz-date
 * The ISO 8601 basic timestamp of SigV4 (`20150830T123600Z`) and the HTTP `Date` header form it may be
 * given in instead ("Elements of an AWS API request signature": "either the X-Amz-Date or the Date header").
 */

const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const ZERO = 0x30;

/** The number in `text[from, from + length)`, or -1 unless every character there is a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month of the proleptic Gregorian calendar, as `Date` counts them. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Parses `yyyymmddThhmmssZ`. Returns `undefined` for any other text or an impossible calendar date.
 * Hand-rolled rather than a regular expression: every signed request parses one.
 *
 * @example
 * parseAmzDate('20150830T123600Z')?.toISOString(); // '2015-08-30T12:36:00.000Z'
 */
export function parseAmzDate(text: string): Date | undefined {
  if (text.length !== 16 || text[8] !== 'T' || text[15] !== 'Z') return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 4, 2);
  const day = digits(text, 6, 2);
  const hour = digits(text, 9, 2);
  const minute = digits(text, 11, 2);
  const second = digits(text, 13, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  // Checked here rather than by reading fields back from the Date: Date.UTC would roll 31 Feb into March and map
  // years 0–99 to 1900–1999.
  if (year < 100 || day > daysInMonth(year, month)) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/**
 * Formats a time as `yyyymmddThhmmssZ` (UTC, seconds precision).
 *
 * @example
 * formatAmzDate(new Date('2015-08-30T12:36:00Z')); // '20150830T123600Z'
 */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Parses an RFC 9110 IMF-fixdate (`Sun, 30 Aug 2015 12:36:00 GMT`), the only `Date` form SDKs send.
 *
 * @example
 * parseHttpDate('Fri, 24 May 2013 00:00:00 GMT')?.getTime(); // 1369353600000
 */
export function parseHttpDate(text: string): Date | undefined {
  if (!IMF_FIXDATE.test(text)) return undefined;
  const date = new Date(Date.parse(text));
  // Round-tripping rejects impossible dates (31 Feb) and a weekday that does not match the date.
  return !Number.isNaN(date.getTime()) && date.toUTCString() === text ? date : undefined;
}

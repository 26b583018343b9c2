/**
 * @module sigv4/amz-date
 * The ISO 8601 basic timestamp of SigV4 (`20150830T123600Z`) and the HTTP `Date` header form it may be
 * given in instead ("Elements of an AWS API request signature": "either the X-Amz-Date or the Date header").
 */

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Parses `yyyymmddThhmmssZ`. Returns `undefined` for any other text or an impossible calendar date.
 *
 * @example
 * parseAmzDate('20150830T123600Z')?.toISOString(); // '2015-08-30T12:36:00.000Z'
 */
export function parseAmzDate(text: string): Date | undefined {
  const match = AMZ_DATE.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return formatAmzDate(date) === text ? date : undefined;
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

/**
 * @module core/time-text
 * Timestamps as text, for the request path: ISO 8601 to the second is AWS's form for Query responses, CloudTrail
 * records and the `aws:CurrentTime` condition key, and under load most requests fall in the same second as the one
 * before, so each place that prints one remembers its last answer (`perSecond`).
 */

/**
 * ISO 8601 to the second, UTC.
 *
 * @example
 * isoSeconds(new Date(Date.UTC(2026, 10, 28, 14, 0, 0, 123))); // '2026-11-28T14:00:00Z'
 */
export function isoSeconds(date: Date): string {
  // Without the milliseconds (`.123Z`), whatever the year's width.
  return `${date.toISOString().slice(0, -5)}Z`;
}

/**
 * `format`, which must depend on the date's second only, remembering its last answer: it runs again only for
 * another second. Each place makes its own, so places printing different seconds (a request's time, a session's
 * expiry) do not evict each other's answer.
 *
 * @example
 * const cloudTrailTime = perSecond(isoSeconds);
 * cloudTrailTime(new Date()); // '2026-11-29T12:00:00Z'
 */
export function perSecond(format: (date: Date) => string): (date: Date) => string {
  let lastSecond = Number.NaN;
  let lastText = '';
  return (date) => {
    const second = Math.floor(date.getTime() / 1000);
    if (second !== lastSecond) {
      lastText = format(date);
      lastSecond = second;
    }
    return lastText;
  };
}

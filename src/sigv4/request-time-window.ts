/**
 * @module sigv4/request-time-window
 * When a signed request is acceptable. Header-signed: within 15 minutes of the server clock either way
 * (Common Errors, `RequestExpired`: "the request reached the service more than 15 minutes after the date
 * stamp"). Presigned: from 15 minutes before `X-Amz-Date` (clock skew) until `X-Amz-Date + X-Amz-Expires`
 * (S3 "Authenticating Requests: Using Query Parameters").
 */
import { formatAmzDate } from './amz-date.js';
import type { ParsedAuthorization } from './types.js';

/** Allowed clock skew between client and server. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface TimeWindowViolation {
  readonly reason: 'RequestExpired' | 'RequestNotYetValid' | 'PresignExpired';
  readonly message: string;
}

function headerWindow(auth: ParsedAuthorization, now: Date): TimeWindowViolation | undefined {
  const skew = now.getTime() - auth.requestTime.getTime();
  if (skew > MAX_CLOCK_SKEW_MS) {
    const earliest = formatAmzDate(new Date(now.getTime() - MAX_CLOCK_SKEW_MS));
    return {
      reason: 'RequestExpired',
      message: `Signature expired: ${auth.amzDate} is now earlier than ${earliest} (${formatAmzDate(now)} - 15 min.)`,
    };
  }
  if (-skew > MAX_CLOCK_SKEW_MS) {
    const latest = formatAmzDate(new Date(now.getTime() + MAX_CLOCK_SKEW_MS));
    return {
      reason: 'RequestExpired',
      message: `Signature not yet current: ${auth.amzDate} is still later than ${latest} (${formatAmzDate(now)} + 15 min.)`,
    };
  }
  return undefined;
}

function presignWindow(auth: ParsedAuthorization, expiresSeconds: number, now: Date): TimeWindowViolation | undefined {
  const signed = auth.requestTime.getTime();
  if (signed - now.getTime() > MAX_CLOCK_SKEW_MS) {
    return {
      reason: 'RequestNotYetValid',
      message: `Request is not valid yet: X-Amz-Date ${auth.amzDate} is in the future`,
    };
  }
  if (now.getTime() > signed + expiresSeconds * 1000)
    return { reason: 'PresignExpired', message: 'Request has expired' };
  return undefined;
}

/**
 * Returns why the request is outside its validity window at `now`, or `undefined` if it is inside.
 *
 * @example
 * checkRequestTime(auth, new Date('2015-08-30T13:00:00Z')); // { reason: 'RequestExpired', message: 'Signature expired: …' }
 */
export function checkRequestTime(auth: ParsedAuthorization, now: Date): TimeWindowViolation | undefined {
  if (auth.kind === 'query') return presignWindow(auth, auth.expiresSeconds ?? MAX_CLOCK_SKEW_MS / 1000, now);
  return headerWindow(auth, now);
}

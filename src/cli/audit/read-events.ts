/**
 * @module cli/audit/read-events
 * Reading the event history for the command line: every event of an account since a time, page by page, and
 * durations written as `90s`, `15m`, `1h`, `7d`.
 */

import type { AuditEvent } from '../../core/audit/index.js';
import type { AuditCursor, AuditStore } from '../../core/ports.js';

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Milliseconds of a duration such as `1h`.
 *
 * @example
 * parseDuration('15m'); // 900000
 */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${text} (use e.g. 90s, 15m, 1h, 7d)`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** Events of `accountId` after `cursor` (or from `since`), oldest first, all pages. */
export async function eventsSince(
  store: AuditStore,
  accountId: string,
  since: Date | undefined,
  cursor?: AuditCursor,
): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let after = cursor;
  for (;;) {
    const page = await store.lookupAuditEvents({
      accountId,
      startTime: since,
      order: 'oldest',
      cursor: after,
      limit: 1000,
    });
    out.push(...page);
    const last = page.at(-1);
    if (page.length < 1000 || !last) return out;
    after = { time: last.time, eventId: last.record.eventID };
  }
}

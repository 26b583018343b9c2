/**
 * @module cli/audit/tail
 * `iamd audit tail`: the latest records of an account, then (with `--follow`) new ones as they are written,
 * optionally only one principal's or only denials.
 */

import type { AuditEvent } from '../../core/audit/index.js';
import type { AuditCursor, AuditStore } from '../../core/ports.js';
import { eventsSince } from './read-events.js';
import { isDenied, renderEvent } from './render.js';

/** What to show and how. */
export interface TailOptions {
  readonly accountId: string;
  /** How many of the latest records to show first. */
  readonly lines: number;
  /** An ARN (the caller's, or its role's) or a LookupEvents user name. */
  readonly principal?: string | undefined;
  readonly denied: boolean;
  readonly json: boolean;
  readonly colour: boolean;
  /** With a follow loop: resolves when it is time to look again; `false` ends the loop. */
  readonly next?: (() => Promise<boolean>) | undefined;
}

/** True when the event was made by `principal` (its ARN, its role's ARN or name, or its user name). */
export function madeBy(event: AuditEvent, principal: string): boolean {
  const identity = event.record.userIdentity;
  const issuer = identity.sessionContext?.sessionIssuer;
  return [identity.arn, issuer?.arn, issuer?.userName, event.username].includes(principal);
}

/**
 * Writes the latest records, then follows.
 *
 * @example
 * await tailEvents(stores.audit, { accountId, lines: 20, denied: false, json: false, colour: true }, write);
 */
export async function tailEvents(
  store: AuditStore,
  options: TailOptions,
  write: (line: string) => void,
): Promise<void> {
  const shown = (event: AuditEvent) =>
    (!options.denied || isDenied(event)) && (options.principal === undefined || madeBy(event, options.principal));
  const emit = (events: readonly AuditEvent[]) => {
    for (const event of events) if (shown(event)) write(renderEvent(event, options));
  };
  // The latest `lines` matching records: read newest first until enough match.
  const latest: AuditEvent[] = [];
  let cursor: AuditCursor | undefined;
  for (;;) {
    const page = await store.lookupAuditEvents({ accountId: options.accountId, order: 'newest', cursor, limit: 500 });
    latest.push(...page.filter(shown));
    const last = page.at(-1);
    if (latest.length >= options.lines || page.length < 500 || !last) break;
    cursor = { time: last.time, eventId: last.record.eventID };
  }
  const first = latest.slice(0, options.lines).reverse();
  emit(first);
  const newest = await store.lookupAuditEvents({ accountId: options.accountId, order: 'newest', limit: 1 });
  let position: AuditCursor | undefined = newest[0] && { time: newest[0].time, eventId: newest[0].record.eventID };
  while (options.next && (await options.next())) {
    const fresh = await eventsSince(store, options.accountId, undefined, position);
    emit(fresh);
    const last = fresh.at(-1);
    if (last) position = { time: last.time, eventId: last.record.eventID };
  }
}

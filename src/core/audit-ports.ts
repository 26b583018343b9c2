/**
 * @module core/audit-ports
 * What the audit trail needs from storage and its sinks (`docs/audit.md`). Re-exported by `ports.ts`.
 */

import type { AuditDraft, AuditEvent } from './audit/audit-event.js';

/** LookupEvents' lookup attributes (CloudTrail API reference, `LookupAttribute`). */
export type AuditAttributeKey =
  | 'EventId'
  | 'EventName'
  | 'ReadOnly'
  | 'Username'
  | 'ResourceType'
  | 'ResourceName'
  | 'EventSource'
  | 'AccessKeyId';

/** Where a page of events starts: strictly after this event in the query's order. */
export interface AuditCursor {
  readonly time: Date;
  readonly eventId: string;
}

/** A query of one account's event history, already validated. */
export interface AuditQuery {
  readonly accountId: string;
  /** Inclusive bounds on the event time. */
  readonly startTime?: Date | undefined;
  readonly endTime?: Date | undefined;
  readonly attribute?: { readonly key: AuditAttributeKey; readonly value: string } | undefined;
  /** `newest` first (LookupEvents) or `oldest` first (following the trail). */
  readonly order: 'newest' | 'oldest';
  readonly cursor?: AuditCursor | undefined;
  readonly limit: number;
}

/**
 * The allowed requests of some IAM users and roles of one account (IAM's service last accessed data): events
 * recorded in `accountId` since `since` that were authorized for at least one action, made by one of the named
 * users (the `username` column) or by a session of one of the named roles (`roleName`). Names only narrow the
 * scan; the caller checks each event's identity (a federated user may share a user's name).
 */
export interface PrincipalActivityQuery {
  readonly accountId: string;
  readonly userNames: readonly string[];
  readonly roleNames: readonly string[];
  readonly since: Date;
  /** Newest first; the page starts strictly after this event. */
  readonly cursor?: AuditCursor | undefined;
  readonly limit: number;
}

/**
 * Where audit records go (the database, a JSON Lines file). The auditor hands a sink each request's records as soon
 * as they are built (`stage`) and later writes everything staged in one go (`commit`, every 50 ms or, in fail-closed
 * mode, after each I/O turn). A sink keeps what it needs of a staged record in its own form, off the JavaScript heap
 * where it can, so the records die young: a record kept waiting for its batch on the heap is copied by every
 * scavenge it lives through (bench/README.md, "GC pauses").
 */
interface AuditSinkBase {
  readonly name: string;
  /**
   * Writes everything staged before the call. With `durable`, resolves only once the records would survive the
   * process being killed (committed, or written and fsynced); a durable commit of nothing is a probe of the sink.
   * When it rejects, what it was writing is not retried.
   */
  commit(durable: boolean): Promise<void>;
  close?(): Promise<void>;
}

/** A sink that takes each request's built records. */
export interface AuditEventSink extends AuditSinkBase {
  /** Takes one request's records; throws if they cannot be staged (the request's record then counts as failed). */
  stage(events: readonly AuditEvent[]): void;
  readonly stageDraft?: undefined;
}

/**
 * A sink that takes each request's draft and writes its records itself, off the event loop (the SQLite writer
 * thread, storage/sqlite/sqlite-audit-thread.ts): the loop then never builds them.
 */
export interface AuditDraftSink extends AuditSinkBase {
  /** Takes one request's draft; throws if it cannot be staged (the request's record then counts as failed). */
  stageDraft(draft: AuditDraft): void;
  readonly stage?: undefined;
}

export type AuditSink = AuditEventSink | AuditDraftSink;

/** The JSON Lines file of the trail (`audit.file`, `audit.maxFileBytes`). */
export interface AuditFileOptions {
  readonly path: string;
  /** The size past which the file is rotated, in bytes. */
  readonly maxBytes: number;
}

/** A store's own sink, and whether it also writes the trail's file (so no other sink must). */
export interface StoreAuditSink {
  readonly sink: AuditSink;
  readonly writesFile: boolean;
}

/** The event history in the database: appended in batches, queried by LookupEvents, purged by age. */
export interface AuditStore {
  /**
   * Commits a batch before resolving. With `durable`, the commit must also survive a power loss (fsynced); an
   * empty durable batch is a probe of the store.
   */
  appendAuditEvents(events: readonly AuditEvent[], durable?: boolean): Promise<void>;
  /**
   * A sink staging records in the store's own stored form, where the store has one; without it the records wait as
   * they are and are appended with {@link appendAuditEvents}. Given the trail's file, a store may write it too (the
   * SQLite writer thread does) and says so.
   */
  readonly createAuditSink?:
    | ((options: { readonly file?: AuditFileOptions | undefined }) => StoreAuditSink)
    | undefined;
  /** Events of the query's account in its order, ties broken by event id; at most `limit`. */
  lookupAuditEvents(query: AuditQuery): Promise<readonly AuditEvent[]>;
  /** Allowed requests of the query's users and roles, newest first, ties broken by event id; at most `limit`. */
  lookupPrincipalActivity(query: PrincipalActivityQuery): Promise<readonly AuditEvent[]>;
  /** Removes events older than `time` (retention); returns how many. */
  deleteAuditEventsBefore(time: Date): Promise<number>;
}

/**
 * @module core/audit/auditor
 * Takes one entry per request from the request path and hands its records to every sink. Each request's records are
 * built and staged in every sink when it is recorded (a sink keeps them in its own stored form, so nothing of the
 * request waits on the heap), then committed in batches every 50 ms (one database transaction and one file write
 * per batch). In fail-closed mode the caller waits for its batch to be durable in every sink, and a request whose
 * record cannot be written is refused with `ServiceUnavailable` (docs/audit.md, "Fail-closed mode"); otherwise a
 * failing sink is reported through `onSinkError` and counted.
 */

import { AwsError } from '../errors.js';
import type { AuditSink } from '../ports.js';
import type { AuditDraft, AuditEvent } from './audit-event.js';
import { type AuditEntry, type BuildOptions, draftOf } from './audit-draft.js';
import { eventsOfDraft } from './build-record.js';

/** How the trail is set up. */
export interface AuditorOptions {
  readonly enabled: boolean;
  readonly sinks: readonly AuditSink[];
  readonly failClosed: boolean;
  readonly defaultAccount: string;
  /** Mints an event id for a record of `time`. */
  readonly uuid: (time: Date) => string;
  /** Called once per failed batch and sink, with the error (never with the records). */
  readonly onSinkError?: ((sink: string, error: unknown) => void) | undefined;
  /** Entries kept waiting while sinks are slow; beyond it entries are dropped and counted (not in fail-closed mode). */
  readonly maxPending?: number | undefined;
}

/** Counters of the trail, for metrics and tests. */
export interface AuditStats {
  recorded: number;
  written: number;
  failed: number;
  dropped: number;
}

/** A fail-closed request waiting for its batch; `failed` if its records could not be built or staged. */
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly failed: boolean;
}

/** How long records wait to be written together when nobody waits for them. */
const BATCH_MS = 50;

const refusal = () =>
  new AwsError('ServiceUnavailable', 'The request was refused because its audit record could not be written.');

/** The audit trail's writer. `record` is the only call on the request path. */
export class Auditor {
  readonly stats: AuditStats = { recorded: 0, written: 0, failed: 0, dropped: 0 };
  readonly #options: AuditorOptions;
  /** Requests staged since the last commit began, how many of them failed to stage, and who waits for them. */
  #staged = 0;
  #broken = 0;
  #waiters: Waiter[] = [];
  #scheduled = false;
  /** One writer at a time; what arrives meanwhile is written as the next batch (group commit). */
  #writing = false;
  #idle: Promise<void> = Promise.resolve();
  /** False after a failed write, until a write (or a probe of the sinks) succeeds. */
  #healthy = true;
  #probe = false;

  readonly #buildOptions: BuildOptions;

  constructor(options: AuditorOptions) {
    this.#options = options;
    this.#buildOptions = { defaultAccount: options.defaultAccount, uuid: options.uuid };
  }

  /** Whether requests are recorded at all. */
  get enabled(): boolean {
    return this.#options.enabled && this.#options.sinks.length > 0;
  }

  /** Whether a request must wait for its record (fail-closed mode). */
  get failClosed(): boolean {
    return this.enabled && this.#options.failClosed;
  }

  /**
   * In fail-closed mode, refuses a request before it runs while the last write failed, so a broken sink lets no
   * change through unrecorded. Each refusal starts a probe of the sinks (an empty durable write) unless one is under
   * way; once a probe succeeds, requests are admitted again.
   */
  admit(): void {
    if (!this.failClosed || this.#healthy) return;
    this.#probe = true;
    this.#drain();
    throw refusal();
  }

  /**
   * Queues the records of one request. Returns a promise only in fail-closed mode: it resolves once the records are
   * durable in every sink and rejects with `ServiceUnavailable` when they cannot be written.
   *
   * @example
   * const pending = services.audit.record(entry);
   * if (pending) await pending;
   */
  record(entry: AuditEntry): Promise<void> | undefined {
    if (!this.enabled) return undefined;
    this.stats.recorded++;
    if (!this.#options.failClosed) {
      if (this.#staged >= (this.#options.maxPending ?? 10_000)) {
        this.stats.dropped++;
        return undefined;
      }
      if (!this.#stage(entry)) this.#broken++;
      this.#staged++;
      this.#schedule();
      return undefined;
    }
    const failed = !this.#stage(entry);
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ resolve, reject, failed });
      this.#staged++;
      this.#schedule();
    });
  }

  /**
   * Drafts the request's records and stages them in every sink now: a sink that takes drafts (the SQLite writer
   * thread) writes the records itself, off the event loop; for the others they are built here, once. Nothing of the
   * request (its input, output, caller and facts, nor the records' text) waits on the heap for the batch: V8 would
   * copy it at every scavenge it lived through (bench/README.md, "GC pauses"). False if the records could not be
   * built or a sink could not stage them.
   */
  #stage(entry: AuditEntry): boolean {
    let draft: AuditDraft;
    try {
      draft = draftOf(entry, this.#buildOptions);
    } catch (error) {
      this.#options.onSinkError?.('builder', error);
      return false;
    }
    let events: readonly AuditEvent[] | undefined;
    let staged = true;
    for (const sink of this.#options.sinks) {
      if (sink.stageDraft === undefined) {
        try {
          events ??= eventsOfDraft(draft);
        } catch (error) {
          this.#options.onSinkError?.('builder', error);
          return false;
        }
      }
      try {
        if (sink.stageDraft !== undefined) sink.stageDraft(draft);
        else sink.stage(events as readonly AuditEvent[]);
      } catch (error) {
        staged = false;
        this.#options.onSinkError?.(sink.name, error);
      }
    }
    return staged;
  }

  /**
   * Writes everything staged so far; resolves when it is written (or has failed): the batch under way, if any, then
   * one more with what was staged meanwhile.
   */
  flush(): Promise<void> {
    return this.#idle.then(() => {
      this.#drain();
      return this.#idle;
    });
  }

  /** Flushes and closes the sinks. */
  async close(): Promise<void> {
    await this.flush();
    for (const sink of this.#options.sinks) await sink.close?.();
  }

  #schedule(): void {
    if (this.#scheduled || this.#writing) return;
    this.#scheduled = true;
    const run = () => {
      this.#scheduled = false;
      this.#drain();
    };
    // Fail-closed callers wait: write after this I/O turn (concurrent requests still share a commit). Otherwise
    // gather a larger batch, so a commit's fsync is paid once for many requests.
    if (this.#options.failClosed) setImmediate(run);
    else setTimeout(run, BATCH_MS).unref();
  }

  /**
   * Starts the writer unless it runs. In fail-closed mode it commits batches back to back until nothing is staged
   * (requests wait for them); otherwise it commits one batch, and what was staged meanwhile waits for its own 50 ms
   * window. Committing it as soon as the last commit ended made batches of a few dozen records under load, each
   * paying a transaction, a message to the writer thread and its own key rows (bench/README.md, "Audit trail").
   */
  #drain(): void {
    if (this.#writing) return;
    this.#writing = true;
    this.#idle = (async () => {
      try {
        while (this.#staged > 0 || this.#probe) {
          this.#probe = false;
          await this.#write();
          // Outside fail-closed mode, what was staged meanwhile waits for its own window (scheduled below).
          if (!this.#options.failClosed) break;
        }
      } finally {
        this.#writing = false;
        if (this.#staged > 0) this.#schedule();
      }
    })();
  }

  /** Commits what every sink has staged; the sinks seal their batches synchronously, when `commit` is called. */
  async #write(): Promise<void> {
    const staged = this.#staged;
    const broken = this.#broken;
    const waiters = this.#waiters;
    this.#staged = 0;
    this.#broken = 0;
    this.#waiters = [];
    if (staged === 0 && this.#healthy) return;
    const durable = this.#options.failClosed;
    const sinks = this.#options.sinks;
    const results = await Promise.allSettled(sinks.map((sink) => sink.commit(durable)));
    let sinkFailed = false;
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      sinkFailed = true;
      this.#options.onSinkError?.(sinks[i]?.name ?? 'sink', result.reason);
    });
    // A failing sink fails the whole batch and, in fail-closed mode, the requests after it until a probe succeeds; a
    // record that could not be built or staged fails only its own request.
    this.#healthy = !sinkFailed;
    this.stats.failed += sinkFailed ? staged : broken;
    this.stats.written += sinkFailed ? 0 : staged - broken;
    for (const { resolve, reject, failed } of waiters) {
      if (sinkFailed || failed) reject(refusal());
      else resolve();
    }
  }
}

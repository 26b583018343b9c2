/**
 * @module core/audit/auditor
 * Takes one entry per request from the request path and writes its records to every sink. Each request's records
 * are built and serialised when it is recorded, then written in batches every 50 ms (one database transaction and
 * one file write per batch). In fail-closed mode the caller waits for its batch to be durable in
 * every sink, and a request whose record cannot be written is refused with `ServiceUnavailable`
 * (docs/audit.md, "Fail-closed mode"); otherwise a failing sink is reported through `onSinkError` and counted.
 */

import { AwsError } from '../errors.js';
import type { AuditSink } from '../ports.js';
import type { AuditEvent } from './audit-event.js';
import { type AuditEntry, type BuildOptions, buildAuditEvents } from './build-record.js';

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

interface Pending {
  /** The request's records, or why they could not be built. */
  readonly events: readonly AuditEvent[];
  readonly broken?: unknown;
  readonly done?: { resolve: () => void; reject: (error: unknown) => void } | undefined;
}

/** How long records wait to be written together when nobody waits for them. */
const BATCH_MS = 50;

const refusal = () =>
  new AwsError('ServiceUnavailable', 'The request was refused because its audit record could not be written.');

/** The audit trail's writer. `record` is the only call on the request path. */
export class Auditor {
  readonly stats: AuditStats = { recorded: 0, written: 0, failed: 0, dropped: 0 };
  readonly #options: AuditorOptions;
  #pending: Pending[] = [];
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
      if (this.#pending.length >= (this.#options.maxPending ?? 10_000)) {
        this.stats.dropped++;
        return undefined;
      }
      this.#pending.push(this.#build(entry));
      this.#schedule();
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ ...this.#build(entry), done: { resolve, reject } });
      this.#schedule();
    });
  }

  /**
   * Builds the request's records now, so that what waits for the batch is their JSON text and a few strings rather
   * than the request's whole object graph (input, output, caller, facts), which V8 would otherwise copy and promote
   * while it waits (bench/README.md, "Audit trail").
   */
  #build(entry: AuditEntry): Pending {
    try {
      return { events: buildAuditEvents(entry, this.#buildOptions) };
    } catch (error) {
      return { events: [], broken: error };
    }
  }

  /** Writes everything queued so far; resolves when it is written (or has failed). */
  flush(): Promise<void> {
    this.#drain();
    return this.#idle;
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

  /** Starts the writer unless it runs: it writes batches until nothing is pending. */
  #drain(): void {
    if (this.#writing) return;
    this.#writing = true;
    this.#idle = (async () => {
      try {
        while (this.#pending.length > 0 || this.#probe) {
          const batch = this.#pending;
          this.#pending = [];
          this.#probe = false;
          await this.#write(batch);
        }
      } finally {
        this.#writing = false;
      }
    })();
  }

  async #write(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 0 && this.#healthy) return;
    const events: AuditEvent[] = [];
    for (const pending of batch) {
      for (const event of pending.events) events.push(event);
      if (pending.broken !== undefined) this.#options.onSinkError?.('builder', pending.broken);
    }
    const durable = this.#options.failClosed;
    const results = await Promise.allSettled(this.#options.sinks.map((sink) => sink.append(events, durable)));
    let sinkFailed = false;
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      sinkFailed = true;
      this.#options.onSinkError?.(this.#options.sinks[i]?.name ?? 'sink', result.reason);
    });
    // A failing sink fails the whole batch and, in fail-closed mode, the requests after it until a probe succeeds; a
    // record that could not be built fails only its own request.
    this.#healthy = !sinkFailed;
    for (const { broken, done } of batch) {
      const failed = sinkFailed || broken !== undefined;
      if (failed) this.stats.failed++;
      else this.stats.written++;
      if (!done) continue;
      if (failed) done.reject(refusal());
      else done.resolve();
    }
  }
}

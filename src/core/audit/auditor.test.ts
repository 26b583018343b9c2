import { describe, expect, it, vi } from 'vitest';
import type { AuditDraftSink, AuditEventSink } from '../ports.js';
import type { AuditDraft, AuditEvent } from './audit-event.js';
import { Auditor, type AuditorOptions } from './auditor.js';
import type { AuditEntry } from './audit-draft.js';
import { eventsOfDraft } from './build-record.js';

const entry: AuditEntry = {
  service: 'sts',
  operation: 'GetCallerIdentity',
  caller: { kind: 'anonymous' },
  facts: { requestId: 'r', time: new Date(0), secureTransport: false, region: 'us-east-1' },
  input: {},
  specs: [],
  allowed: 0,
};

class MemorySink implements AuditEventSink {
  readonly name = 'memory';
  readonly events: AuditEvent[] = [];
  readonly durable: boolean[] = [];
  #staged: AuditEvent[] = [];
  failing = false;
  stage(events: readonly AuditEvent[]) {
    this.#staged.push(...events);
  }
  async commit(durable: boolean) {
    const batch = this.#staged;
    this.#staged = [];
    if (this.failing) throw new Error('disk full');
    this.events.push(...batch);
    this.durable.push(durable);
  }
}

const auditor = (sink: MemorySink, overrides: Partial<AuditorOptions> = {}, errors: string[] = []) =>
  new Auditor({
    enabled: true,
    sinks: [sink],
    failClosed: false,
    defaultAccount: '000000000000',
    uuid: () => 'id',
    onSinkError: (name, error) => errors.push(`${name}: ${(error as Error).message}`),
    ...overrides,
  });

/** A sink that takes drafts, as the SQLite writer thread's does. */
class DraftSink implements AuditDraftSink {
  readonly name = 'drafts';
  readonly drafts: AuditDraft[] = [];
  stageDraft(draft: AuditDraft) {
    this.drafts.push(draft);
  }
  async commit() {}
}

describe('Auditor', () => {
  it("hands a draft sink each request's draft, and the other sinks the records built from that same draft", async () => {
    const drafts = new DraftSink();
    const events = new MemorySink();
    const audit = new Auditor({
      enabled: true,
      sinks: [drafts, events],
      failClosed: false,
      defaultAccount: '000000000000',
      uuid: () => 'id',
    });
    audit.record(entry);
    audit.record({ ...entry, facts: { ...entry.facts, requestId: 'r2' } });
    await audit.flush();
    expect(drafts.drafts.map((draft) => draft.requestId)).toEqual(['r', 'r2']);
    expect(events.events.map((event) => event.recordJson)).toEqual(
      drafts.drafts.flatMap(eventsOfDraft).map((event) => event.recordJson),
    );
    expect(audit.stats).toEqual({ recorded: 2, written: 2, failed: 0, dropped: 0 });
  });

  it('queues without waiting and writes the batch after the current turn', async () => {
    const sink = new MemorySink();
    const audit = auditor(sink);
    expect(audit.record(entry)).toBeUndefined();
    expect(audit.record(entry)).toBeUndefined();
    expect(sink.events).toHaveLength(0);
    await audit.flush();
    expect(sink.events).toHaveLength(2);
    expect(sink.durable).toEqual([false]);
    expect(audit.stats).toEqual({ recorded: 2, written: 2, failed: 0, dropped: 0 });
  });

  it('commits what was staged during a commit in the next 50 ms window, not right after it', async () => {
    vi.useFakeTimers();
    try {
      const commits: number[] = [];
      let staged = 0;
      let finish = () => {};
      const sink: AuditEventSink = {
        name: 'slow',
        stage: (events) => {
          staged += events.length;
        },
        commit: () => {
          commits.push(staged);
          staged = 0;
          return new Promise<void>((resolve) => {
            finish = resolve;
          });
        },
      };
      const audit = new Auditor({
        enabled: true,
        sinks: [sink],
        failClosed: false,
        defaultAccount: '0',
        uuid: () => 'id',
      });
      audit.record(entry);
      await vi.advanceTimersByTimeAsync(49);
      expect(commits).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(commits).toEqual([1]);
      audit.record(entry);
      audit.record(entry);
      finish();
      await vi.advanceTimersByTimeAsync(49);
      expect(commits).toEqual([1]);
      await vi.advanceTimersByTimeAsync(1);
      expect(commits).toEqual([1, 2]);
      finish();
      // flush waits for the commit under way, then commits what was staged meanwhile.
      audit.record(entry);
      const flushed = audit.flush();
      await vi.advanceTimersByTimeAsync(0);
      expect(commits).toEqual([1, 2, 1]);
      finish();
      await flushed;
      expect(audit.stats).toEqual({ recorded: 4, written: 4, failed: 0, dropped: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('records nothing when disabled', async () => {
    const sink = new MemorySink();
    const audit = auditor(sink, { enabled: false });
    expect(audit.record(entry)).toBeUndefined();
    await audit.flush();
    expect(sink.events).toHaveLength(0);
  });

  it('reports and counts a failing sink without failing requests (fail-open)', async () => {
    const sink = new MemorySink();
    sink.failing = true;
    const errors: string[] = [];
    const audit = auditor(sink, {}, errors);
    expect(audit.record(entry)).toBeUndefined();
    await audit.flush();
    expect(errors).toEqual(['memory: disk full']);
    expect(audit.stats.failed).toBe(1);
    expect(() => audit.admit()).not.toThrow();
  });

  it('builds records when recorded; one that cannot be built is reported, the batch is still written', async () => {
    const sink = new MemorySink();
    const errors: string[] = [];
    let ids = 0;
    const audit = auditor(sink, { uuid: () => `id-${ids++}` }, errors);
    audit.record(entry);
    expect(ids).toBe(1);
    audit.record({ ...entry, specs: undefined as unknown as AuditEntry['specs'] });
    audit.record(entry);
    await audit.flush();
    expect(sink.events.map((e) => e.record.eventID)).toEqual(['id-0', 'id-1']);
    expect(sink.events[0]?.recordJson).toBe(JSON.stringify(sink.events[0]?.record));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^builder: /);
    expect(audit.stats).toEqual({ recorded: 3, written: 2, failed: 1, dropped: 0 });
  });

  it('in fail-closed mode refuses a request whose record cannot be built, and only that one', async () => {
    const sink = new MemorySink();
    const audit = auditor(sink, { failClosed: true });
    const broken = audit.record({ ...entry, specs: undefined as unknown as AuditEntry['specs'] });
    const fine = audit.record(entry);
    await expect(broken).rejects.toThrow(/audit record could not be written/);
    await expect(fine).resolves.toBeUndefined();
    expect(() => audit.admit()).not.toThrow();
  });

  it('counts and reports a record a sink cannot stage; other sinks still write it, and fail-closed refuses it', async () => {
    const good = new MemorySink();
    const bad: AuditEventSink = {
      name: 'file',
      stage: () => {
        throw new Error('buffer too large');
      },
      commit: async () => {},
    };
    const errors: string[] = [];
    const open = auditor(good, { sinks: [good, bad] }, errors);
    open.record(entry);
    await open.flush();
    expect(errors).toEqual(['file: buffer too large']);
    expect(good.events).toHaveLength(1);
    expect(open.stats).toEqual({ recorded: 1, written: 0, failed: 1, dropped: 0 });
    const closed = auditor(new MemorySink(), { sinks: [bad], failClosed: true });
    await expect(closed.record(entry)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    // Only that request is refused: staging is per request, the sinks themselves did not fail.
    expect(() => closed.admit()).not.toThrow();
  });

  it('drops and counts entries beyond the pending limit', () => {
    const audit = auditor(new MemorySink(), { maxPending: 1 });
    audit.record(entry);
    audit.record(entry);
    expect(audit.stats.dropped).toBe(1);
  });

  it('in fail-closed mode resolves once the record is durably written', async () => {
    const sink = new MemorySink();
    const audit = auditor(sink, { failClosed: true });
    const pending = audit.record(entry);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(sink.events).toHaveLength(1);
    expect(sink.durable).toEqual([true]);
  });

  it('in fail-closed mode refuses the request whose record fails, then every request until a probe succeeds', async () => {
    const sink = new MemorySink();
    sink.failing = true;
    const audit = auditor(sink, { failClosed: true });
    await expect(audit.record(entry)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    // Each refusal starts a probe; while the sink fails, so do the probes.
    expect(() => audit.admit()).toThrow(/audit record could not be written/);
    await audit.flush();
    sink.failing = false;
    expect(() => audit.admit()).toThrow(/audit record could not be written/);
    await audit.flush();
    expect(() => audit.admit()).not.toThrow();
    await expect(audit.record(entry)).resolves.toBeUndefined();
    expect(sink.durable).toEqual([true, true]);
  });
});

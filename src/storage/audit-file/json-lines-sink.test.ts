import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditEvent, auditEventOf, type CloudTrailRecord } from '../../core/audit/index.js';
import type { AuditEventSink } from '../../core/ports.js';
import { createJsonLinesSink, rotatedName } from './json-lines-sink.js';

const dir = mkdtempSync(join(tmpdir(), 'iamd-audit-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (id: string): AuditEvent =>
  auditEventOf(
    {
      eventID: id,
      eventName: 'GetCallerIdentity',
      userIdentity: { type: 'Root' },
      padding: 'x'.repeat(100),
    } as unknown as CloudTrailRecord,
    { accountId: '000000000000', time: new Date(0), resources: [], authorized: [] },
  );

/** What the auditor does with a request's records: stage them, then commit the batch. */
const append = (sink: AuditEventSink, events: readonly AuditEvent[], durable: boolean) => {
  sink.stage(events);
  return sink.commit(durable);
};

describe('createJsonLinesSink', () => {
  it('appends one CloudTrail record per line, creating the file with mode 0600', async () => {
    const file = join(dir, 'nested', 'audit.jsonl');
    const sink = createJsonLinesSink({ file, maxBytes: 1_000_000, now: () => new Date(0) });
    sink.stage([event('a')]);
    expect(existsSync(file)).toBe(false);
    await append(sink, [event('b')], false);
    await append(sink, [event('c')], true);
    await sink.close?.();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { eventID: string }).eventID)).toEqual(['a', 'b', 'c']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates when the next batch would pass the size limit, and keeps appending after a reopen', async () => {
    const file = join(dir, 'rotating.jsonl');
    let now = 0;
    const sink = createJsonLinesSink({ file, maxBytes: 400, now: () => new Date(++now * 1000) });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await append(sink, [event(id)], false);
    await sink.close?.();
    const rotated = readdirSync(dir).filter((name) => name.startsWith('rotating.jsonl.'));
    expect(rotated.length).toBeGreaterThanOrEqual(1);
    expect(rotated[0]).toBe(rotatedName('rotating.jsonl', new Date(1000)));
    const all = [...rotated.sort().map((name) => join(dir, name)), file]
      .flatMap((path) => readFileSync(path, 'utf8').trimEnd().split('\n'))
      .map((line) => (JSON.parse(line) as { eventID: string }).eventID);
    expect(all).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const name of rotated) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(400);
  });

  it('writes records byte for byte, whatever their characters; an empty durable commit is a probe that opens the file', async () => {
    const file = join(dir, 'text.jsonl');
    const sink = createJsonLinesSink({ file, maxBytes: 1_000_000, now: () => new Date(0) });
    await sink.commit(true);
    expect(readFileSync(file, 'utf8')).toBe('');
    const records = [event('é€😀'), event('\u2028"\\')];
    await append(sink, records, false);
    await sink.close?.();
    expect(readFileSync(file, 'utf8')).toBe(records.map((record) => `${record.recordJson}\n`).join(''));
  });
});

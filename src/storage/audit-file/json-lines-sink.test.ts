import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditEvent, auditEventOf, type CloudTrailRecord } from '../../core/audit/index.js';
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

describe('createJsonLinesSink', () => {
  it('appends one CloudTrail record per line, creating the file with mode 0600', async () => {
    const file = join(dir, 'nested', 'audit.jsonl');
    const sink = createJsonLinesSink({ file, maxBytes: 1_000_000, now: () => new Date(0) });
    await sink.append([event('a'), event('b')], false);
    await sink.append([event('c')], true);
    await sink.close?.();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { eventID: string }).eventID)).toEqual(['a', 'b', 'c']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates when the next batch would pass the size limit, and keeps appending after a reopen', async () => {
    const file = join(dir, 'rotating.jsonl');
    let now = 0;
    const sink = createJsonLinesSink({ file, maxBytes: 400, now: () => new Date(++now * 1000) });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await sink.append([event(id)], false);
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
});

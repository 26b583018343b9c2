// What one audit row costs SQLite, without a server: the audit_events schema (migration 0012) filled with
// GetCallerIdentity-sized records in 400-row transactions, with random (v4) event ids as before and time-ordered (v7)
// ids as iamd mints them now, and the same rows into a table without any index (the floor of a row this size).
//   node bench/audit-insert.mjs      (BENCH_BATCHES=50)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const batches = Number(process.env.BENCH_BATCHES ?? 50);
const rowsPerBatch = 400;
const dir = mkdtempSync(join(tmpdir(), 'iamd-bench-audit-insert-'));
const record = JSON.stringify({
  eventVersion: '1.08',
  userIdentity: { type: 'Root', principalId: '000000000000', arn: 'arn:aws:iam::000000000000:root' },
  eventSource: 'sts.amazonaws.com',
  eventName: 'GetCallerIdentity',
  awsRegion: 'us-east-1',
  sourceIPAddress: '127.0.0.1',
  userAgent: `aws-sdk-js/3 ${'x'.repeat(100)}`,
  requestParameters: null,
  responseElements: null,
  requestID: randomUUID(),
  eventID: randomUUID(),
  readOnly: true,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '000000000000',
  eventCategory: 'Management',
});
const v7 = () => {
  const time = Date.now().toString(16).padStart(12, '0');
  const rand = randomBytes(10).toString('hex');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${rand.slice(0, 3)}-${rand.slice(3, 7)}-${rand.slice(7, 19)}`;
};
const columns =
  'account_id text not null, event_time text not null, event_name text not null, event_source text not null, read_only text not null, username text, access_key_id text, role_name text, resources text not null, authorized text not null, record text not null';
const indexes =
  'create index audit_events_account_time on audit_events (account_id, event_time, event_id); create index audit_events_time on audit_events (event_time);';

function run(name, ddl, id) {
  const db = new Database(join(mkdtempSync(join(dir, 'db-')), 'iamd.db'));
  db.pragma('journal_mode = WAL');
  db.exec(ddl);
  const insert = db.prepare('insert into audit_events values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const write = db.transaction((rows) => {
    for (const row of rows) insert.run(row);
  });
  let ns = 0n;
  for (let b = 0; b < batches; b++) {
    const rows = Array.from({ length: rowsPerBatch }, (_, i) => [
      id(),
      '000000000000',
      new Date(Date.now() + i).toISOString(),
      'GetCallerIdentity',
      'sts.amazonaws.com',
      'true',
      null,
      'AKIAQAAAAAAAMPIJ2WEH',
      null,
      '[]',
      '[{"action":"sts:GetCallerIdentity","resource":"*"}]',
      record,
    ]);
    const started = process.hrtime.bigint();
    write(rows);
    if (b >= 5) ns += process.hrtime.bigint() - started;
  }
  db.close();
  console.log(`| ${name} | ${(Number(ns) / 1000 / ((batches - 5) * rowsPerBatch)).toFixed(1)} |`);
}

try {
  console.log(`node ${process.version}, ${rowsPerBatch}-row transactions, ${batches - 5} measured batches`);
  console.log('| case | µs per row |');
  console.log('| --- | ---: |');
  for (let round = 0; round < 2; round++) {
    run(
      'audit_events, random (v4) event ids',
      `create table audit_events (event_id text primary key, ${columns}); ${indexes}`,
      randomUUID,
    );
    run(
      'audit_events, time-ordered (v7) event ids',
      `create table audit_events (event_id text primary key, ${columns}); ${indexes}`,
      v7,
    );
    run('no index at all (floor)', `create table audit_events (event_id text, ${columns});`, v7);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

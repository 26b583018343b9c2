// What one audit record costs SQLite, without a server: the row-per-record audit_events schema (migrations 0012 and
// 0015, replaced by 0016) filled with GetCallerIdentity-sized records in 400-row transactions, event times increasing
// as a server's do, with random (v4) event ids and time-ordered (v7) ids as iamd mints them; the same rows into a
// table without any index (the floor of a row this size); the batched layout an earlier session proposed (one row
// per 400 records holding their JSON, plus a narrow index row per record); and the batch layout iamd uses since
// migration 0016 (one row per batch and a row per distinct key, built by the build's own `auditBatchesOf`, so
// `npm run build` first). CPU time of this process (process.cpuUsage).
//   npm run build && node bench/audit-insert.mjs      (BENCH_BATCHES=60)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditEventOf } from '../dist/core/audit/index.js';
import { auditBatchesOf } from '../dist/storage/sql/index.js';

const batches = Number(process.env.BENCH_BATCHES ?? 60);
const rowsPerBatch = 400;
const warmup = 10;
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
const v7 = (ms) => {
  const time = ms.toString(16).padStart(12, '0');
  const rand = randomBytes(10).toString('hex');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${rand.slice(0, 3)}-${rand.slice(3, 7)}-${rand.slice(7, 19)}`;
};
const columns =
  'account_id text not null, event_time text not null, event_name text not null, event_source text not null, read_only text not null, username text, access_key_id text, role_name text, resources text not null, authorized text not null, record text not null';
// Migration 0015 dropped the index on event_time alone (set BENCH_TIME_INDEX=1 to measure with it, as before).
const indexes = `create index audit_events_account_time on audit_events (account_id, event_time, event_id);${
  process.env.BENCH_TIME_INDEX ? ' create index audit_events_time on audit_events (event_time);' : ''
}`;

/** A batch of rows; times advance one millisecond per 8 records (a server at 8,000 requests/s). */
let tick = 0;
const start = Date.now();
function rowsOf(id) {
  return Array.from({ length: rowsPerBatch }, () => {
    const ms = start + (tick++ >> 3);
    return [
      id(ms),
      '000000000000',
      new Date(ms).toISOString(),
      'GetCallerIdentity',
      'sts.amazonaws.com',
      'true',
      null,
      'AKIAQAAAAAAAMPIJ2WEH',
      null,
      '[]',
      '[{"action":"sts:GetCallerIdentity","resource":"*"}]',
      record,
    ];
  });
}

function run(ddl, id, writer) {
  const db = new Database(join(mkdtempSync(join(dir, 'db-')), 'iamd.db'));
  db.pragma('journal_mode = WAL');
  db.exec(ddl);
  // A writer is a function of the rows, or { prepare, write } when turning the rows into its input is the event
  // loop's work rather than the writer thread's (it is then left out of the time).
  const built = writer(db);
  const { prepare, write } = typeof built === 'function' ? { prepare: (rows) => rows, write: built } : built;
  let us = 0;
  for (let b = 0; b < batches; b++) {
    const rows = prepare(rowsOf(id));
    const started = process.cpuUsage();
    write(rows);
    const used = process.cpuUsage(started);
    if (b >= warmup) us += used.user + used.system;
  }
  db.close();
  return us / ((batches - warmup) * rowsPerBatch);
}

/** One insert per row, as iamd's writer thread does (it also uses 50-row statements; the cost is in the rows). */
const perRow = (db) => {
  const insert = db.prepare('insert into audit_events values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return db.transaction((rows) => {
    for (const row of rows) insert.run(row);
  });
};

/** The batched layout: the batch's records in one row, each record's lookup columns and offset in a narrow row. */
const batched = (db) => {
  const batch = db.prepare('insert into audit_batches (records) values (?)');
  const index = db.prepare('insert into audit_events values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return db.transaction((rows) => {
    const texts = rows.map((row) => `{"resources":${row[9]},"authorized":${row[10]},"record":${row[11]}}\n`);
    const batchId = batch.run(texts.join('')).lastInsertRowid;
    let offset = 0;
    rows.forEach((row, i) => {
      index.run([...row.slice(0, 9), batchId, offset, texts[i].length]);
      offset += texts[i].length;
    });
  });
};

/** Migration 0016's layout: the rows `auditBatchesOf` makes of the records, as the writer thread inserts them. */
const batchLayout = `create table audit_batches (batch_id text primary key, format integer not null,
    first_time text not null, last_time text not null, event_count integer not null, events text not null);
  create index audit_batches_last on audit_batches (last_time);
  create index audit_batches_first on audit_batches (first_time);
  create table audit_batch_keys (account_id text not null, kind text not null, value text not null,
    first_time text not null, last_time text not null, batch_id text not null references audit_batches (batch_id));
  create index audit_batch_keys_last on audit_batch_keys (account_id, kind, value, last_time, batch_id);
  create index audit_batch_keys_first on audit_batch_keys (account_id, kind, value, first_time, batch_id);
  create index audit_batch_keys_batch on audit_batch_keys (batch_id);`;
const parsedRecord = JSON.parse(record);
const batchRows = (db) => {
  const batch = db.prepare('insert into audit_batches values (?, ?, ?, ?, ?, ?)');
  const key = db.prepare('insert into audit_batch_keys values (?, ?, ?, ?, ?, ?)');
  return {
    // The event loop builds the batch rows (auditBatchesOf); the writer thread only runs the inserts, as timed here.
    prepare: (rows) =>
      auditBatchesOf(
        rows.map((row) =>
          auditEventOf(
            { ...parsedRecord, eventID: row[0] },
            {
              accountId: row[1],
              time: new Date(row[2]),
              username: undefined,
              roleName: undefined,
              resources: [],
              authorized: [{ action: 'sts:GetCallerIdentity', resource: '*' }],
            },
            record,
          ),
        ),
      ),
    write: db.transaction((rows) => {
      for (const { batch: b, keys } of rows) {
        batch.run(b.batch_id, b.format, b.first_time, b.last_time, b.event_count, b.events);
        for (const k of keys) key.run(k.account_id, k.kind, k.value, k.first_time, k.last_time, k.batch_id);
      }
    }),
  };
};

const cases = [
  [
    'audit_events, random (v4) event ids',
    `create table audit_events (event_id text primary key, ${columns}); ${indexes}`,
    () => randomUUID(),
    perRow,
  ],
  [
    'audit_events, time-ordered (v7) event ids',
    `create table audit_events (event_id text primary key, ${columns}); ${indexes}`,
    v7,
    perRow,
  ],
  ['no index at all (floor)', `create table audit_events (event_id text, ${columns});`, v7, perRow],
  [
    'batched: one row per 400 records + a narrow index row each',
    `create table audit_batches (batch_id integer primary key, records text not null);
     create table audit_events (event_id text primary key, account_id text not null, event_time text not null,
       event_name text not null, event_source text not null, read_only text not null, username text,
       access_key_id text, role_name text, batch_id integer not null, start integer not null, length integer not null);
     ${indexes}`,
    v7,
    batched,
  ],
  ['batch layout (migration 0016): a row per batch + a row per distinct key', batchLayout, v7, batchRows],
];

try {
  console.log(`node ${process.version}, ${rowsPerBatch}-row transactions, ${batches - warmup} measured batches`);
  const results = cases.map(() => []);
  for (let round = 0; round < 2; round++) {
    for (const [i, [, ddl, id, writer]] of cases.entries()) results[i].push(run(ddl, id, writer));
  }
  console.log('| case | µs CPU per record (two rounds) |');
  console.log('| --- | ---: |');
  for (const [i, [name]] of cases.entries()) {
    console.log(`| ${name} | ${results[i].map((us) => us.toFixed(1)).join(' / ')} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

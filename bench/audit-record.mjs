// What recording one request costs the audit trail, measured in-process and without HTTP: the Auditor with its real
// sinks (the SQLite database on its writer thread, and with BENCH_AUDIT_FILE=1 the JSON Lines file too) records
// GetCallerIdentity entries of a root key at a steady rate, as a server would hand them over; rounds without
// recording make the same entries at the same rate, and the difference is the trail's cost. Reported per record:
// CPU µs of the event loop (the thread that serves requests, read from /proc) and of the whole process (the writer
// thread, V8's GC threads, libuv's pool). No load client shares the machine, so the figures move far less from one
// run to the next than bench/audit.mjs's throughput ratios; they leave out what auditing adds to an HTTP request
// besides the recording (building the entry), which bench/audit.mjs and bench/thread-cpu.mjs include.
//   npm run build && node bench/audit-record.mjs [dist dir] [rate per second] [seconds] [rounds]
// The dist directory defaults to this checkout's; pass another checkout's (built) to compare builds in one session.
// It also prints how many batch rows the records made in the database (up to 500 records a row, one commit or more
// a row): fewer, larger batches mean fewer transactions and key rows.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { statCpuUs } from './cpu-time.mjs';
import { median } from './median.mjs';

const dist = resolve(process.argv[2] ?? new URL('../dist', import.meta.url).pathname);
const rate = Number(process.argv[3] ?? 8000);
const seconds = Number(process.argv[4] ?? 3);
const rounds = Number(process.argv[5] ?? 4);
const withFile = Boolean(process.env.BENCH_AUDIT_FILE);
const from = (path) => import(pathToFileURL(join(dist, path)).href);
const { openSqliteStores } = await from('storage/sqlite/index.js');
const audit_ = await from('core/audit/index.js');
const { Auditor } = audit_;
const { createJsonLinesSink } = await from('storage/audit-file/index.js');

const dir = mkdtempSync(join(tmpdir(), 'iamd-bench-audit-record-'));
const stores = await openSqliteStores({ file: join(dir, 'iamd.db'), blobDir: join(dir, 'blobs') });
const fileOptions = { path: join(dir, 'audit.jsonl'), maxBytes: 1024 ** 3 };
const fileSink = (options) =>
  createJsonLinesSink({ file: options.path, maxBytes: options.maxBytes, now: () => new Date() });
// Builds since the seventh session pick their sinks with `auditSinks` (SQLite's writer thread writes the file too);
// earlier ones (another checkout's dist) had `storeSink` and a file sink on the event loop.
const sinks = audit_.auditSinks
  ? audit_.auditSinks(stores.audit, withFile ? { options: fileOptions, createSink: fileSink } : undefined)
  : [audit_.storeSink(stores.audit), ...(withFile ? [fileSink(fileOptions)] : [])];
const audit = new Auditor({
  enabled: true,
  sinks,
  failClosed: false,
  defaultAccount: '000000000000',
  uuid: () => randomUUID(),
});

const caller = {
  kind: 'root',
  accountId: '000000000000',
  arn: 'arn:aws:iam::000000000000:root',
  userId: '000000000000',
  accessKeyId: 'AKIAQAAAAAAAAWMDRAJD',
};
/** A GetCallerIdentity entry as the request path makes one. */
const entry = () => ({
  service: 'sts',
  operation: 'GetCallerIdentity',
  caller,
  facts: {
    requestId: randomUUID(),
    time: new Date(),
    sourceIp: '127.0.0.1',
    secureTransport: false,
    userAgent: 'aws-sdk-js/3 bench',
    region: 'us-east-1',
  },
  input: {},
  output: { Arn: caller.arn, UserId: caller.userId, Account: caller.accountId },
  specs: [],
  allowed: 0,
});

/** CPU µs of this process's main thread (Linux: /proc, in clock ticks of 10 ms). */
function mainThreadUs() {
  return statCpuUs(readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'));
}
const processUs = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/** Makes `rate` entries a second for `ms`, in 1 ms ticks, recording them or not; CPU µs per entry. */
async function run(ms, recording) {
  const perTick = Math.max(1, Math.round(rate / 1000));
  const mainBefore = mainThreadUs();
  const processBefore = processUs();
  const start = performance.now();
  let made = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < perTick; i++) {
      const one = entry();
      if (recording) audit.record(one);
      made++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await audit.flush();
  return { made, main: (mainThreadUs() - mainBefore) / made, all: (processUs() - processBefore) / made };
}

try {
  await run(1000, true);
  const costs = [];
  for (let round = 0; round < rounds; round++) {
    const off = await run(seconds * 1000, false);
    const on = await run(seconds * 1000, true);
    costs.push({ main: on.main - off.main, all: on.all - off.all, made: on.made });
  }
  // How the records were batched (the last round's run has flushed them all): every commit writes one row per 500 records, and a partial row for the rest.
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(join(dir, 'iamd.db'), { readonly: true });
  const rows = db.prepare('select count(*) as n, sum(event_count) as records from audit_batches').get();
  db.close();
  const { written, failed, dropped } = audit.stats;
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${dist}, ${rate} records/s, ${rounds} rounds of ${seconds}s, sinks: database${withFile ? ' + JSON Lines file' : ''}`,
  );
  console.log(
    `audit trail per record: event loop ${median(costs.map((c) => c.main)).toFixed(2)} µs, whole process ${median(costs.map((c) => c.all)).toFixed(2)} µs (median of rounds; rounds: ${costs.map((c) => `${c.main.toFixed(1)}/${c.all.toFixed(1)}`).join(' ')}); written ${written}, failed ${failed}, dropped ${dropped}`,
  );
  console.log(`batch rows in the database: ${rows.n}, ${(rows.records / rows.n).toFixed(1)} records per row`);
} finally {
  await audit.close();
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
}

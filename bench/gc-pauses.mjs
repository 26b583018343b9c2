// Garbage-collection pauses of iamd's event loop per request, with auditing off and on, under the same closed-loop
// load: how much of a request's cost, and of the tail latency at a fixed rate, is the collector stopping the thread
// that serves requests. An audit record is built when its request finishes and waits in the batch (up to 50 ms)
// until it is written; a record that is still waiting at a scavenge is copied, and one that survives two is promoted.
//   npm run build && node bench/gc-pauses.mjs [gci|gci-session|assume] [rounds] [seconds]
// Each round measures every case, one after the other, each with its own server; figures are per request over all
// rounds. `minor` is scavenges (young generation), `major` mark-compact pauses; pauses run on the event loop only
// (V8's helper threads do the rest of the work concurrently and are not counted here, see bench/thread-cpu.mjs).
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { load, startServer, stsRequest } from './load.mjs';

const action = process.argv[2] ?? 'gci-session';
const rounds = Number(process.argv[3] ?? 2);
const seconds = Number(process.argv[4] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'iamd-bench-gc-'));
process.env.BENCH_GC_PAUSES = '1';

const cases = [
  ['memory, auditing off', { storage: 'memory', 'audit.enabled': false }],
  ['memory, auditing on', { storage: 'memory', 'audit.enabled': true }],
  ['SQLite, auditing off', { storage: 'sqlite', 'audit.enabled': false }],
  ['SQLite, auditing on', { storage: 'sqlite', 'audit.enabled': true }],
];

/** Asks the server for its pauses since the last report (and starts a new count). */
function report(entry) {
  return new Promise((resolve) => {
    entry.reports.once('gc', resolve);
    entry.server.child.kill('SIGUSR2');
  });
}

const entries = [];
try {
  for (const [name, config] of cases) {
    const server = await startServer('iamd', { ...config, dataDir: join(dir, String(entries.length)) });
    const reports = new EventEmitter();
    createInterface({ input: server.child.stdout }).on('line', (line) => {
      if (line.startsWith('{"gc"')) reports.emit('gc', JSON.parse(line).gc);
    });
    const request = await stsRequest(action, server.info);
    entries.push({
      name,
      server,
      reports,
      request,
      requests: 0,
      rps: [],
      failed: 0,
      minor: { n: 0, ms: 0, max: 0 },
      major: { n: 0, ms: 0, max: 0 },
    });
  }
  for (let round = 0; round < rounds; round++) {
    for (const entry of entries) {
      const { url } = entry.server.info;
      const { headers, body } = entry.request;
      await load(url, headers, body, 1000, 32);
      await report(entry);
      const result = await load(url, headers, body, seconds * 1000, 32);
      const gc = await report(entry);
      entry.requests += result.rps * seconds;
      entry.rps.push(result.rps);
      entry.failed += result.failed;
      for (const kind of ['minor', 'major']) {
        entry[kind].n += gc[kind].n;
        entry[kind].ms += gc[kind].ms;
        entry[kind].max = Math.max(entry[kind].max, gc[kind].max);
      }
    }
  }
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${action}, ${rounds} rounds of ${seconds}s, concurrency 32`,
  );
  console.log(
    '| case | req/s (rounds) | scavenges per 1,000 requests | mean scavenge ms | longest ms | scavenge µs per request | mark-compact pauses | their µs per request | failed |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const e of entries) {
    const { minor, major } = e;
    console.log(
      `| ${e.name} | ${e.rps.map((r) => r.toFixed(0)).join(', ')} | ${((minor.n / e.requests) * 1000).toFixed(2)} | ${(minor.ms / Math.max(1, minor.n)).toFixed(2)} | ${minor.max.toFixed(1)} | ${((minor.ms * 1000) / e.requests).toFixed(2)} | ${major.n} | ${((major.ms * 1000) / e.requests).toFixed(2)} | ${e.failed} |`,
    );
  }
  if (entries.some((e) => e.failed > 0)) process.exitCode = 1;
} finally {
  for (const { server } of entries) server.child.kill();
  rmSync(dir, { recursive: true, force: true });
}

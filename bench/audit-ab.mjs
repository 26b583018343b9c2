// What auditing costs, measured so that a noisy machine's drift cancels out: two iamd servers, auditing off and on,
// measured back to back in alternating order, round after round, and each round's on/off throughput ratio reported
// with their median. Run it in two checkouts (e.g. `git worktree add ../base <rev>`, `npm run build` there) to
// compare builds: bench/sts.mjs and bench/audit.mjs give each case its best round, which on a VM whose rates swing
// ±30% from one run to the next hides changes of a few percent.
//   npm run build && node bench/audit-ab.mjs gci|gci-session|assume [rounds] [seconds]
//   BENCH_STORAGE=memory|sqlite (default sqlite, as bench/audit.mjs); BENCH_AUDIT_FILE=1 adds the JSON Lines file
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, startServer, stsRequest } from './load.mjs';
import { median } from './median.mjs';

const action = process.argv[2] ?? 'gci';
const rounds = Number(process.argv[3] ?? 6);
const seconds = Number(process.argv[4] ?? 3);
const storage = process.env.BENCH_STORAGE ?? 'sqlite';
const dir = mkdtempSync(join(tmpdir(), 'iamd-bench-audit-ab-'));

const off = await startServer('iamd', { storage, dataDir: join(dir, 'off'), 'audit.enabled': false });
const on = await startServer('iamd', {
  storage,
  dataDir: join(dir, 'on'),
  'audit.enabled': true,
  ...(process.env.BENCH_AUDIT_FILE ? { 'audit.file': join(dir, 'on', 'audit.jsonl') } : {}),
});
try {
  const cases = [
    { server: off, request: await stsRequest(action, off.info) },
    { server: on, request: await stsRequest(action, on.info) },
  ];
  const ratios = [];
  let failed = 0;
  for (let round = 0; round < rounds; round++) {
    const rates = new Map();
    for (const { server, request } of round % 2 === 0 ? cases : [...cases].reverse()) {
      await load(server.info.url, request.headers, request.body, 500, 32);
      const result = await load(server.info.url, request.headers, request.body, seconds * 1000, 32);
      rates.set(server, result.rps);
      failed += result.failed;
    }
    ratios.push(rates.get(on) / rates.get(off));
  }
  // The middle round, or the mean of the two middle ones (before 2026-11-29 an even count took the upper one).
  const middle = median(ratios);
  console.log(
    `${action}, ${storage} storage, ${rounds} rounds of ${seconds} s: auditing on / off per round ` +
      `${ratios.map((r) => r.toFixed(2)).join(' ')}; median ${middle.toFixed(2)} ` +
      `(auditing costs ${((1 - middle) * 100).toFixed(1)}%), ${failed} failed`,
  );
  if (failed > 0) process.exitCode = 1;
} finally {
  off.child.kill();
  on.child.kill();
  rmSync(dir, { recursive: true, force: true });
}

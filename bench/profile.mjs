// Where a server's event loop spends its time under load: iamd in a child process with V8's sampling profiler on
// (bench/servers.mjs, BENCH_CPU_PROFILE), the same closed-loop load as bench/thread-cpu.mjs, then the profile
// summed by function (self and inclusive time) and by source file, so a change's effect can be read without a
// profiler UI.
// V8 samples wall time: a syscall such as `writev` also counts time the thread waited for a core while another ran.
//   npm run build && node bench/profile.mjs gci|gci-session|assume ['<iamd config JSON>'] [seconds] [top]
//   e.g. node bench/profile.mjs gci '{"storage":"sqlite","dataDir":"/tmp/iamd-prof","audit.enabled":true}'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, startServer, stsRequest } from './load.mjs';

const action = process.argv[2] ?? 'gci';
const config = JSON.parse(process.argv[3] ?? '{}');
const seconds = Number(process.argv[4] ?? 4);
const top = Number(process.argv[5] ?? 30);

const dir = mkdtempSync(join(tmpdir(), 'iamd-bench-profile-'));
const file = join(dir, 'cpu.json');
process.env.BENCH_CPU_PROFILE = file;
const server = await startServer('iamd', config);
let requests = 0;
try {
  const { info } = server;
  const { body, headers } = await stsRequest(action, info);
  await load(info.url, headers, body, 1000, 32);
  // The profile covers warm-up too; it is short next to the measured load.
  const result = await load(info.url, headers, body, seconds * 1000, 32);
  requests = result.rps * seconds;
  console.log(`${action} ${JSON.stringify(config)}: ${result.rps.toFixed(0)} req/s, ${result.failed} failed`);
} finally {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
rmSync(dir, { recursive: true, force: true });
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfUs]
  .filter(([id]) => byId.get(id).callFrame.functionName === '(idle)')
  .reduce((a, [, us]) => a + us, 0);
const short = (url) => url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules)\//, '$1/') || '(native)';
const sum = (keyOf) => {
  const out = new Map();
  for (const [id, us] of selfUs) {
    const key = keyOf(byId.get(id).callFrame);
    out.set(key, (out.get(key) ?? 0) + us);
  }
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, top);
};
const busy = total - idle;
console.log(
  `busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s profiled; ≈ ${(busy / requests).toFixed(1)} µs busy per measured request`,
);
const table = (title, rows) => {
  console.log(`\n| ${title} | % of busy | µs per request |\n| --- | ---: | ---: |`);
  for (const [key, us] of rows) {
    if (key.startsWith('(idle)')) continue;
    console.log(`| ${key} | ${((100 * us) / busy).toFixed(1)} | ${(us / requests).toFixed(2)} |`);
  }
};
table(
  'function (self time)',
  sum((f) => `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`),
);
// Inclusive time: each sample counted once for every distinct function on its stack (recursion not twice).
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at).callFrame;
    if (!f.url) continue;
    const key = `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
table('function (inclusive, JavaScript with a source)', [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top));
table(
  'source file (self time)',
  sum((f) => short(f.url)),
);

// Alternating rounds of iamd variants, for changes of a few percent on a machine whose speed drifts: two or more
// servers (another checkout's build, or another configuration) loaded one after another, round after round, each
// round starting from the other end, and each variant reported with its median rate, the median of its per-round
// ratio to the first variant, and the server process's CPU per request (user + system of all its threads, from
// /proc, Linux). CPU per request moves far less between runs than rates do.
//   npm run build && node bench/ab.mjs gci|gci-session|assume [rounds] [seconds] '<variants JSON>'
// A variant is { "name": …, "config": {iamd config}, "servers": "<checkout>/bench/servers.mjs", "env": {…} }; e.g.
//   node bench/ab.mjs assume 8 4 '[{"name":"before","servers":"../base/bench/servers.mjs"},{"name":"after"}]'
// Loopback only; every round is bounded in time.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { statCpuUs } from './cpu-time.mjs';
import { load as httpLoad, stsRequest } from './load.mjs';
import { rawLoad } from './raw-load.mjs';
import { median } from './median.mjs';

const action = process.argv[2] ?? 'gci';
const rounds = Number(process.argv[3] ?? 6);
const seconds = Number(process.argv[4] ?? 4);
const variants = JSON.parse(process.argv[5] ?? '[{"name":"this build"}]');
// BENCH_CLIENT=raw: the raw-socket client of bench/raw-load.mjs instead of node:http's.
const load = process.env.BENCH_CLIENT === 'raw' ? rawLoad : httpLoad;

/** CPU µs (user + system) the process `pid` has used, all threads. */
const cpuUs = (pid) => statCpuUs(readFileSync(`/proc/${pid}/stat`, 'utf8'));

function start(variant) {
  const script = variant.servers ? resolve(variant.servers) : new URL('./servers.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [script, 'iamd', JSON.stringify(variant.config ?? {})], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...(variant.env ?? {}) },
  });
  return new Promise((resolveInfo, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolveInfo({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${variant.name}: server exited with ${code}`)));
  });
}

const entries = [];
try {
  for (const variant of variants) entries.push({ variant, server: await start(variant), rates: [], cpu: [] });
  for (const entry of entries) {
    entry.request = await stsRequest(action, entry.server.info);
    await load(entry.server.info.url, entry.request.headers, entry.request.body, 1000, 32);
  }
  for (let round = 0; round < rounds; round++) {
    for (const entry of round % 2 === 0 ? entries : [...entries].reverse()) {
      const { info, child } = entry.server;
      const before = cpuUs(child.pid);
      const result = await load(info.url, entry.request.headers, entry.request.body, seconds * 1000, 32);
      entry.rates.push(result.rps);
      entry.cpu.push((cpuUs(child.pid) - before) / (result.rps * seconds));
    }
  }
  console.log(`${action}, ${rounds} alternating rounds of ${seconds}s, 32 in flight`);
  console.log(
    '| variant | median req/s | ratio to the first, median of rounds | rounds | CPU µs per request, median |',
  );
  console.log('| --- | ---: | ---: | --- | ---: |');
  for (const entry of entries) {
    const ratios = entry.rates.map((rate, i) => rate / entries[0].rates[i]);
    console.log(
      `| ${entry.variant.name} | ${median(entry.rates).toFixed(0)} | ${median(ratios).toFixed(3)} | ${ratios.map((r) => r.toFixed(2)).join(' ')} | ${median(entry.cpu).toFixed(1)} |`,
    );
  }
} finally {
  for (const { server } of entries) server.child.kill();
}

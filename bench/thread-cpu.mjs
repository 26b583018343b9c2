// Server CPU time per request, by thread, read from /proc (Linux): what a request costs the event loop, the audit
// writer thread and V8's GC threads, independent of how fast a shared machine happens to be. Runs the bare server,
// then iamd, each under the same closed-loop load.
//   npm run build && node bench/thread-cpu.mjs gci|gci-session|assume ['<iamd config JSON>'] [seconds]
//   e.g. node bench/thread-cpu.mjs gci '{"storage":"sqlite","dataDir":"/tmp/iamd-cpu","audit.enabled":true}'
import { readdirSync, readFileSync } from 'node:fs';
import { statCpuUs, statName } from './cpu-time.mjs';
import { load, startServer, stsRequest } from './load.mjs';

const action = process.argv[2] ?? 'gci';
const config = JSON.parse(process.argv[3] ?? '{}');
const seconds = Number(process.argv[4] ?? 4);
/** CPU µs (user + system) of every thread of `pid`, by `tid:name`. */
function threads(pid) {
  const out = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    out[`${tid}:${statName(stat)}`] = statCpuUs(stat);
  }
  return out;
}

async function measure(kind, serverConfig, pick) {
  const server = await startServer(kind, serverConfig);
  try {
    const { body, headers } = await pick(server.info);
    await load(server.info.url, headers, body, 1000, 32);
    const before = threads(server.child.pid);
    const result = await load(server.info.url, headers, body, seconds * 1000, 32);
    const after = threads(server.child.pid);
    const requests = result.rps * seconds;
    const perThread = Object.entries(after)
      .map(([thread, us]) => [thread, (us - (before[thread] ?? 0)) / requests])
      .filter(([, us]) => us >= 0.5);
    const total = perThread.reduce((sum, [, us]) => sum + us, 0);
    return { rps: result.rps, failed: result.failed, total, perThread };
  } finally {
    server.child.kill();
  }
}

// The bare server answers anything; it gets the same GetCallerIdentity a root key would send.
const bare = await measure('bare', undefined, (info) =>
  stsRequest('gci', { ...info, accessKeyId: 'AKIA', secretAccessKey: 'x', roleArn: '' }),
);
const iamd = await measure('iamd', config, (info) => stsRequest(action, info));
for (const [name, r] of [
  ['bare node:http', bare],
  [`iamd ${action} ${JSON.stringify(config)}`, iamd],
]) {
  const threadsText = r.perThread.map(([thread, us]) => `${thread} ${us.toFixed(1)}`).join(', ');
  console.log(
    `${name}: ${r.total.toFixed(1)} µs CPU per request (${r.rps.toFixed(0)} req/s, ${r.failed} failed) — ${threadsText}`,
  );
}
if (bare.failed + iamd.failed > 0) process.exitCode = 1;

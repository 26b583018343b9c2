// STS benchmark (issue 6): AssumeRole and GetCallerIdentity with session credentials, requests per second against
// a bare node:http server in the same run, and p99 latency at half of each case's peak rate.
// Targets: AssumeRole ≥ 35% and GetCallerIdentity ≥ 60% of the bare rate; p99 ≤ 5 ms at half the peak.
//   npm run build && node bench/sts.mjs      (BENCH_SECONDS=5 BENCH_CONCURRENCY=32 BENCH_ROUNDS=2)
// BENCH_IAMD_CONFIG='{"audit.enabled":false}' runs iamd with that configuration (default: memory storage, auditing on).
// The cases alternate over BENCH_ROUNDS rounds and each keeps its best peak (with that round's latency at half of
// it), so drift of a shared machine touches every case alike. The peak is measured with the `node:http` client of
// bench/load.mjs (as every "vs bare" figure before); the latency at half of it with bench/open-loop.mjs, raw
// connections that keep to the schedule, each request's latency counted from when it was due. Failures at half the
// peak are split by kind: failed on the socket, or answered with another status than 200.
// Two calibrations follow each iamd case's latency phase, at the same rate: the bare server ("bare p99 at that rate",
// what the load client and the host add to the tail), and a stand-in (bench/servers.mjs `stand-in`: the bare server
// spinning its event loop for the difference between iamd's event-loop CPU time per request in that phase and the
// bare server's, so as busy as iamd and nothing else of it). A server whose peak it sets itself runs at about 60% of
// its core at half that peak, where a shared 2-vCPU host's stalls (a thread kept off its core for tens of
// milliseconds) are drained slowly whatever the server's speed: if the stand-in's p99 is near iamd's, the tail is
// the host's at that load, not iamd's (bench/README.md, STS, eighth session). Linux only (the CPU times are read
// from /proc); elsewhere the stand-in is skipped.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { statCpuUs } from './cpu-time.mjs';
import { load, post, startServer } from './load.mjs';
import { openLoop } from './open-loop.mjs';
import { signQueryPost } from './sign.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const tag = (xml, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** CPU µs of a process's main thread (its event loop), from /proc; undefined where there is none. */
function loopCpuUs(pid) {
  const file = `/proc/${pid}/task/${pid}/stat`;
  return existsSync(file) ? statCpuUs(readFileSync(file, 'utf8')) : undefined;
}

/**
 * Runs the open-loop `phase` at `rate` and adds the event-loop CPU µs per request of the server `pid` to its result
 * (the requests of open-loop.mjs's one-second warm-up at the same rate included, as their CPU time is).
 */
async function withLoopCpu(pid, rate, phase) {
  const before = loopCpuUs(pid);
  const result = await phase();
  const after = loopCpuUs(pid);
  const done = result.rps * seconds + rate;
  const cpuUs = before === undefined || after === undefined || done === 0 ? undefined : (after - before) / done;
  return { ...result, cpuUs, rate };
}

const iamd = await startServer(
  'iamd',
  process.env.BENCH_IAMD_CONFIG ? JSON.parse(process.env.BENCH_IAMD_CONFIG) : undefined,
);
const bare = await startServer('bare');
const standIn = loopCpuUs(bare.child.pid) === undefined ? undefined : await startServer('stand-in');
try {
  const root = { accessKeyId: iamd.info.accessKeyId, secretAccessKey: iamd.info.secretAccessKey };
  const gci = 'Action=GetCallerIdentity&Version=2011-06-15';
  const assume = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(iamd.info.roleArn)}&RoleSessionName=bench`;
  // One session for the GetCallerIdentity case, as a workload holding role credentials would use them.
  const minted = await post(
    iamd.info.url,
    signQueryPost({ url: iamd.info.url, service: 'sts', body: assume, ...root }),
    assume,
  );
  const session = {
    accessKeyId: tag(minted.body, 'AccessKeyId'),
    secretAccessKey: tag(minted.body, 'SecretAccessKey'),
    sessionToken: tag(minted.body, 'SessionToken'),
  };
  if (!session.sessionToken) throw new Error(`AssumeRole failed: ${minted.status} ${minted.body}`);
  const cases = [
    ['bare node:http (fixed body)', bare.info.url, gci, root],
    ['GetCallerIdentity (session credentials)', iamd.info.url, gci, session],
    ['AssumeRole', iamd.info.url, assume, root],
  ];
  const signed = cases.map(([name, url, body, creds]) => ({
    name,
    url,
    body,
    headers: signQueryPost({ url, service: 'sts', body, ...creds }),
  }));
  for (const { url, headers, body } of signed) await load(url, headers, body, 1000, concurrency);
  const rows = signed.map(({ name }) => ({
    name,
    peak: undefined,
    half: undefined,
    floor: undefined,
    stand: undefined,
    failed: 0,
    open: { socket: 0, status: 0 },
  }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, { url, headers, body }] of signed.entries()) {
      const peak = await load(url, headers, body, seconds * 1000, concurrency);
      const rate = Math.max(1, Math.floor(peak.rps / 2));
      const server = i === 0 ? bare : iamd;
      const open = (target, extra = {}) =>
        openLoop(target.url, { ...target.headers, ...extra }, target.body, { ms: seconds * 1000, rate });
      const half = await withLoopCpu(server.child.pid, rate, () => open(signed[i]));
      const floor = i === 0 ? half : await withLoopCpu(bare.child.pid, rate, () => open(signed[0]));
      let stand;
      if (i > 0 && standIn && half.cpuUs !== undefined && floor.cpuUs !== undefined) {
        const spinUs = Math.max(0, Math.round(half.cpuUs - floor.cpuUs));
        const target = { ...signed[0], url: standIn.info.url };
        stand = { ...(await open(target, { 'x-bench-spin-us': String(spinUs) })), spinUs };
      }
      const row = rows[i];
      row.failed += peak.failed + half.failed + (i === 0 ? 0 : floor.failed + (stand?.failed ?? 0));
      for (const kind of Object.keys(row.open)) row.open[kind] += half.failures[kind];
      if (!row.peak || peak.rps > row.peak.rps) Object.assign(row, { peak, half, floor, stand });
    }
  }
  const bareRps = rows[0].peak.rps;
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${seconds}s per case, best of ${rounds} rounds, concurrency ${concurrency}`,
  );
  console.log(
    '| case | peak req/s | vs bare | p99 ms at peak | p50 / p99 ms at half the peak | event-loop µs per request there (busy) | bare p99 ms at that rate | stand-in p99 ms (µs spun) | failed | at half: socket / status |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const fixed = (value, digits) => (value === undefined ? '–' : value.toFixed(digits));
  for (const { name, peak, half, floor, stand, failed, open } of rows) {
    const standText = stand ? `${stand.p99.toFixed(2)} (${stand.spinUs})` : '–';
    const busy = half.cpuUs === undefined ? '' : ` (${((half.cpuUs * half.rate) / 10_000).toFixed(0)}%)`;
    console.log(
      `| ${name} | ${peak.rps.toFixed(0)} | ${(peak.rps / bareRps).toFixed(2)} | ${peak.p99.toFixed(2)} | ${half.p50.toFixed(2)} / ${half.p99.toFixed(2)} | ${fixed(half.cpuUs, 1)}${busy} | ${floor.p99.toFixed(2)} | ${standText} | ${failed} | ${open.socket} / ${open.status} |`,
    );
  }
  if (rows.some((r) => r.failed > 0)) process.exitCode = 1;
} finally {
  iamd.child.kill();
  bare.child.kill();
  standIn?.child.kill();
}

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
import { cpus } from 'node:os';
import { load, post, startServer } from './load.mjs';
import { openLoop } from './open-loop.mjs';
import { signQueryPost } from './sign.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const tag = (xml, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

const iamd = await startServer(
  'iamd',
  process.env.BENCH_IAMD_CONFIG ? JSON.parse(process.env.BENCH_IAMD_CONFIG) : undefined,
);
const bare = await startServer('bare');
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
    failed: 0,
    open: { socket: 0, status: 0 },
  }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, { url, headers, body }] of signed.entries()) {
      const peak = await load(url, headers, body, seconds * 1000, concurrency);
      const rate = Math.max(1, Math.floor(peak.rps / 2));
      const half = await openLoop(url, headers, body, { ms: seconds * 1000, rate });
      const row = rows[i];
      row.failed += peak.failed + half.failed;
      for (const kind of Object.keys(row.open)) row.open[kind] += half.failures[kind];
      if (!row.peak || peak.rps > row.peak.rps) Object.assign(row, { peak, half });
    }
  }
  const bareRps = rows[0].peak.rps;
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${seconds}s per case, best of ${rounds} rounds, concurrency ${concurrency}`,
  );
  console.log(
    '| case | peak req/s | vs bare | p99 ms at peak | p50 / p99 ms at half the peak | failed | at half: socket / status |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { name, peak, half, failed, open } of rows) {
    console.log(
      `| ${name} | ${peak.rps.toFixed(0)} | ${(peak.rps / bareRps).toFixed(2)} | ${peak.p99.toFixed(2)} | ${half.p50.toFixed(2)} / ${half.p99.toFixed(2)} | ${failed} | ${open.socket} / ${open.status} |`,
    );
  }
  if (rows.some((r) => r.failed > 0)) process.exitCode = 1;
} finally {
  iamd.child.kill();
  bare.child.kill();
}

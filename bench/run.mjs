// HTTP benchmark (issue 2): GetCallerIdentity and AssumeRole requests per second against iamd, and the same client
// against a bare node:http server answering a fixed body, in the same run; reported as ratios.
// Servers run in child processes so client and server each get a core. Loopback only; stops by itself.
//   npm run bench            (BENCH_SECONDS=5 BENCH_CONCURRENCY=32 by default)
import { cpus } from 'node:os';
import { load, startServer } from './load.mjs';
import { signQueryPost } from './sign.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

const iamd = await startServer('iamd');
const bare = await startServer('bare');
try {
  const gci = 'Action=GetCallerIdentity&Version=2011-06-15';
  const assume = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(iamd.info.roleArn)}&RoleSessionName=bench`;
  const creds = { accessKeyId: iamd.info.accessKeyId, secretAccessKey: iamd.info.secretAccessKey };
  const cases = [
    ['bare node:http (fixed body)', bare.info.url, gci],
    ['iamd GetCallerIdentity', iamd.info.url, gci],
    ['iamd AssumeRole', iamd.info.url, assume],
  ];
  const results = [];
  for (const [name, url, body] of cases) {
    const headers = signQueryPost({ url, service: 'sts', body, ...creds });
    await load(url, headers, body, 1000, concurrency); // warm-up
    results.push({ name, ...(await load(url, headers, body, seconds * 1000, concurrency)) });
  }
  const baseline = results[0].rps;
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${seconds}s per case, concurrency ${concurrency}`,
  );
  console.log('| case | req/s | p50 ms | p99 ms | failed | vs bare |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failed} | ${(r.rps / baseline).toFixed(2)} |`,
    );
  }
  if (results.some((r) => r.failed > 0)) process.exitCode = 1;
} finally {
  iamd.child.kill();
  bare.child.kill();
}

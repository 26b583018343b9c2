// HTTP benchmark (issue 2): GetCallerIdentity and AssumeRole requests per second against iamd, and the same client
// against a bare node:http server answering a fixed body, in the same run; reported as ratios.
// Servers run in child processes so client and server each get a core. Loopback only; stops by itself.
//   npm run bench            (BENCH_SECONDS=5 BENCH_CONCURRENCY=32 by default)
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { signQueryPost } from './sign.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

function startServer(kind) {
  const child = spawn(process.execPath, [new URL('./servers.mjs', import.meta.url).pathname, kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** Sends the same request over and over with `concurrency` in flight for `ms`; returns completed requests. */
async function load(url, headers, body, ms) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const deadline = Date.now() + ms;
  let done = 0;
  let failed = 0;
  const latencies = [];
  const one = () =>
    new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const req = request(
        { host: target.hostname, port: target.port, path: '/', method: 'POST', headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) done += 1;
            else failed += 1;
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (Date.now() < deadline) await one();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: done / (ms / 1000), failed, p50: p(0.5), p99: p(0.99) };
}

const iamd = await startServer('iamd');
const bare = await startServer('bare');
try {
  const gci = 'Action=GetCallerIdentity&Version=2011-06-15';
  const assume = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(iamd.info.roleArn)}&RoleSessionName=bench`;
  const creds = { accessKeyId: iamd.info.accessKeyId, secretAccessKey: iamd.info.secretAccessKey };
  const cases = [
    ['bare node:http (fixed body)', bare.info.url, gci, 'sts'],
    ['iamd GetCallerIdentity', iamd.info.url, gci, 'sts'],
    ['iamd AssumeRole', iamd.info.url, assume, 'sts'],
  ];
  const results = [];
  for (const [name, url, body, service] of cases) {
    const headers = signQueryPost({ url, service, body, ...creds });
    await load(url, headers, body, 1000); // warm-up
    results.push({ name, ...(await load(url, headers, body, seconds * 1000)) });
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

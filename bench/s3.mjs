// S3 benchmark (issue 7): GetObject and PutObject of 1 KiB objects (requests/s) and of 64 MiB objects (MiB/s), against
// a bare node:http server streaming the same bytes from and to files in the same run. iamd runs with SQLite and file
// blobs (the default storage), so both sides read and write disk. Targets: 1 KiB ≥ 40% and 64 MiB ≥ 70% of bare.
//   npm run build && node bench/s3.mjs      (BENCH_SECONDS=5 BENCH_CONCURRENCY=32 BENCH_LARGE_CONCURRENCY=2 BENCH_ROUNDS=2)
// Each case alternates bare and iamd over BENCH_ROUNDS rounds and keeps each side's best round, so drift of a shared
// machine (its disk latency above all) touches both alike.
//   BENCH_CASES=get-small,put-small,get-large,put-large  runs only those cases (all four by default)
//   BENCH_CPU=1  also reports each server's CPU time (user + system, from /proc; Linux) per request, or per MiB for
//                64 MiB objects, by thread over all measured rounds: robust to a shared machine's noise.
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { statCpuUs, statName } from './cpu-time.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const largeConcurrency = Number(process.env.BENCH_LARGE_CONCURRENCY ?? 2);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const only = process.env.BENCH_CASES?.split(',');
const cpuReport = process.env.BENCH_CPU === '1';
const KIB = 1024;
const MIB = 1024 * 1024;
const small = Buffer.alloc(KIB, 7);
const large = Buffer.alloc(64 * MIB);
for (let i = 0; i < large.length; i += 32) createHash('sha256').update(String(i)).digest().copy(large, i);

function startServer(kind, dir) {
  const child = spawn(process.execPath, [new URL('./s3-servers.mjs', import.meta.url).pathname, kind, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** CPU µs (user + system) of every thread of `pid`, by `main` or `<tid>:<name>` (Node names few of its threads). */
function threadCpu(pid) {
  const out = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    out[tid === String(pid) ? 'main' : `${tid}:${statName(stat)}`] = statCpuUs(stat);
  }
  return out;
}

/** Adds the CPU `pid` spent between `before` and now to `into`. */
function addCpu(into, pid, before) {
  const after = threadCpu(pid);
  for (const [name, us] of Object.entries(after)) into[name] = (into[name] ?? 0) + us - (before[name] ?? 0);
}

const hmac = (key, text) => createHmac('sha256', key).update(text).digest();
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** SigV4 headers for `method` on `path`, with an unsigned payload (signed once, replayed). */
function sign(url, method, path, creds) {
  const host = new URL(url).host;
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const headers = { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-date': amzDate };
  const names = Object.keys(headers).sort();
  const canonical = [
    method,
    path,
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    'UNSIGNED-PAYLOAD',
  ];
  const scope = `${date}/us-east-1/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical.join('\n'))].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date), 'us-east-1'), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

/** One request; resolves with the status and the number of body bytes received. */
function send(url, method, path, headers, body, agent) {
  const target = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method,
        agent,
        headers: body ? { ...headers, 'content-length': body.length } : headers,
      },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode, bytes }));
      },
    );
    req.on('error', () => resolve({ status: 0, bytes: 0 }));
    req.end(body);
  });
}

/** Closed loop: `inFlight` requests at once for `ms`; requests/s and MiB/s of object bytes moved. */
async function measure({ url, method, path, headers, body, size }, ms, inFlight) {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const deadline = Date.now() + ms;
  const started = Date.now();
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const { status, bytes } = await send(url, method, path, headers, body, agent);
      if (status === 200 && (method === 'PUT' || bytes === size)) done += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  agent.destroy();
  const elapsed = (Date.now() - started) / 1000;
  return { rps: done / elapsed, mibps: (done * size) / MIB / elapsed, failed };
}

const iamdDir = mkdtempSync(join(tmpdir(), 'iamd-bench-s3-'));
const bareDir = mkdtempSync(join(tmpdir(), 'bare-bench-s3-'));
writeFileSync(join(bareDir, 'small'), small);
writeFileSync(join(bareDir, 'large'), large);
const iamd = await startServer('iamd', iamdDir);
const bare = await startServer('bare', bareDir);
try {
  const creds = iamd.info;
  const s3 = (method, key) => {
    const path = `/bench/${key}`;
    return { url: iamd.info.url, method, path, headers: sign(iamd.info.url, method, path, creds) };
  };
  const plain = (method, name) => ({ url: bare.info.url, method, path: `/${name}`, headers: {} });
  for (const [key, bytes] of [
    ['small', small],
    ['large', large],
  ]) {
    const { status } = await send(iamd.info.url, 'PUT', `/bench/${key}`, s3('PUT', key).headers, bytes);
    if (status !== 200) throw new Error(`seeding ${key} failed: ${status}`);
  }
  const cases = [
    [
      'get-small',
      'GetObject 1 KiB',
      'req/s',
      concurrency,
      { ...plain('GET', 'small'), size: KIB },
      { ...s3('GET', 'small'), size: KIB },
    ],
    [
      'put-small',
      'PutObject 1 KiB',
      'req/s',
      concurrency,
      { ...plain('PUT', 'put-small'), body: small, size: KIB },
      { ...s3('PUT', 'put-small'), body: small, size: KIB },
    ],
    [
      'get-large',
      'GetObject 64 MiB',
      'MiB/s',
      largeConcurrency,
      { ...plain('GET', 'large'), size: large.length },
      { ...s3('GET', 'large'), size: large.length },
    ],
    [
      'put-large',
      'PutObject 64 MiB',
      'MiB/s',
      largeConcurrency,
      { ...plain('PUT', 'put-large'), body: large, size: large.length },
      { ...s3('PUT', 'put-large'), body: large, size: large.length },
    ],
  ];
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${seconds}s per case, best of ${rounds} rounds, ${concurrency} in flight (1 KiB) / ${largeConcurrency} (64 MiB)`,
  );
  console.log('| case | unit | bare node:http | iamd | iamd ÷ bare | failed |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  let failures = 0;
  const cpuRows = [];
  for (const [id, name, unit, inFlight, baseCase, iamdCase] of cases) {
    if (only && !only.includes(id)) continue;
    await measure(baseCase, 1000, inFlight);
    await measure(iamdCase, 1000, inFlight);
    const value = (r) => (unit === 'req/s' ? r.rps : r.mibps);
    let base;
    let ours;
    let failed = 0;
    const cpu = { bare: {}, iamd: {} };
    const client = { bare: 0, iamd: 0 };
    const work = { bare: 0, iamd: 0 };
    const timed = async (side, pid, spec) => {
      const before = cpuReport ? threadCpu(pid) : {};
      const clientBefore = process.cpuUsage();
      const result = await measure(spec, seconds * 1000, inFlight);
      if (cpuReport) addCpu(cpu[side], pid, before);
      const used = process.cpuUsage(clientBefore);
      client[side] += used.user + used.system;
      work[side] += (unit === 'req/s' ? result.rps : result.mibps) * seconds;
      return result;
    };
    for (let round = 0; round < rounds; round++) {
      const b = await timed('bare', bare.child.pid, baseCase);
      const o = await timed('iamd', iamd.child.pid, iamdCase);
      failed += b.failed + o.failed;
      if (!base || value(b) > value(base)) base = b;
      if (!ours || value(o) > value(ours)) ours = o;
    }
    console.log(
      `| ${name} | ${unit} | ${value(base).toFixed(0)} | ${value(ours).toFixed(0)} | ${(value(ours) / value(base)).toFixed(2)} | ${failed} |`,
    );
    failures += failed;
    if (cpuReport) cpuRows.push({ name, per: unit === 'req/s' ? 'request' : 'MiB', cpu, client, work });
  }
  for (const { name, per, cpu, client, work } of cpuRows) {
    console.log(`\n${name}: server CPU µs per ${per}, by thread (threads under 1% of the total left out)`);
    for (const side of ['bare', 'iamd']) {
      const rows = Object.entries(cpu[side])
        .map(([thread, us]) => [thread, us / work[side]])
        .sort((a, b) => b[1] - a[1]);
      const total = rows.reduce((sum, [, us]) => sum + us, 0);
      const shown = rows.filter(([, us]) => us >= total / 100).map(([t, us]) => `${t} ${us.toFixed(0)}`);
      const load = (client[side] / work[side]).toFixed(0);
      console.log(`- ${side}: total ${total.toFixed(0)} = ${shown.join(', ')} (the load generator: ${load})`);
    }
  }
  if (failures > 0) process.exitCode = 1;
} finally {
  iamd.child.kill();
  bare.child.kill();
  rmSync(iamdDir, { recursive: true, force: true });
  rmSync(bareDir, { recursive: true, force: true });
}

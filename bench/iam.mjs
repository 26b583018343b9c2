// IAM control-plane benchmark (issue 5): with 100,000 roles and 100,000 managed policies stored in SQLite, how long
// iamd takes to start and how much memory it holds, and CreateRole / GetRole requests per second next to a bare
// node:http server answering a fixed body. Run `npm run build` first; loopback only; stops by itself.
//   node bench/iam.mjs                 (BENCH_ROLES=100000 BENCH_POLICIES=100000 BENCH_SECONDS=5 BENCH_CONCURRENCY=16)
//   BENCH_DATA_DIR=/tmp/iamd-bench node bench/iam.mjs   reuses a populated data dir across runs
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { load, post, startServer } from './load.mjs';
import { signQueryPost } from './sign.mjs';

const ROLES = Number(process.env.BENCH_ROLES ?? 100_000);
const POLICIES = Number(process.env.BENCH_POLICIES ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const MASTER_KEY = '42'.repeat(32);
const ACCOUNT = '000000000000';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const policyDocument = (i) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`],
      },
    ],
  });

/** Child mode: start iamd on the data dir and report the start-up time and memory. */
async function serve(dataDir) {
  const started = performance.now();
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config/index.js');
  const app = await startApp({
    config: loadConfig({ port: 0, dataDir, masterKey: MASTER_KEY, logLevel: 'silent' }, {}),
  });
  const startMs = performance.now() - started;
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ url: app.url, startMs, rss, heapUsed })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => app.close().then(() => process.exit(0)));
  setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(`${JSON.stringify({ rss: m.rss })}\n`);
  }, 1000).unref();
}

/** Fills the data dir through the storage API (one transaction per entity, as the server writes them). */
async function populate(dataDir) {
  const { openSqliteStores } = await import('../dist/storage/index.js');
  const { bootstrapAccount } = await import('../dist/core/accounts/index.js');
  const { createSealer } = await import('../dist/core/keyring/index.js');
  const { randomBytes, randomUUID } = await import('node:crypto');
  const random = { bytes: (n) => randomBytes(n), uuid: () => randomUUID() };
  const clock = { now: () => new Date() };
  mkdirSync(dataDir, { recursive: true });
  const stores = await openSqliteStores({ file: join(dataDir, 'iamd.db'), blobDir: join(dataDir, 'objects') });
  const started = performance.now();
  try {
    const root = await bootstrapAccount(
      { accounts: stores.accounts, clock, random, master: createSealer(Buffer.from(MASTER_KEY, 'hex'), random) },
      ACCOUNT,
    );
    writeFileSync(join(dataDir, 'bench-root.json'), JSON.stringify(root));
    const now = new Date();
    for (let i = 0; i < POLICIES; i++) {
      const arn = `arn:aws:iam::${ACCOUNT}:policy/policy-${i}`;
      await stores.iam.createPolicy(
        {
          accountId: ACCOUNT,
          policyName: `policy-${i}`,
          policyId: `ANPA${String(i).padStart(17, '0')}`,
          path: '/',
          arn,
          defaultVersionId: 'v1',
          createDate: now,
          updateDate: now,
          tags: [],
        },
        { policyArn: arn, versionId: 'v1', document: policyDocument(i), createDate: now },
      );
    }
    for (let i = 0; i < ROLES; i++) {
      const roleName = `role-${i}`;
      await stores.iam.createRole({
        accountId: ACCOUNT,
        roleName,
        roleId: `AROA${String(i).padStart(17, '0')}`,
        path: '/',
        arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
        createDate: now,
        assumeRolePolicyDocument: trust,
        maxSessionDuration: 3600,
        tags: [{ Key: 'n', Value: String(i) }],
      });
      await stores.iam.attachPolicy(
        { accountId: ACCOUNT, kind: 'role', name: roleName },
        `arn:aws:iam::${ACCOUNT}:policy/policy-${i % POLICIES}`,
      );
    }
  } finally {
    await stores.close();
  }
  return (performance.now() - started) / 1000;
}

/** Starts the child server; resolves with its report and the peak RSS it prints while loaded. */
function startIamd(dataDir) {
  const child = spawn(process.execPath, ['--expose-gc', new URL(import.meta.url).pathname, '--serve', dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const spawned = performance.now();
  let peakRss = 0;
  createInterface({ input: child.stderr }).on('line', (line) => {
    try {
      peakRss = Math.max(peakRss, JSON.parse(line).rss);
    } catch {
      process.stderr.write(`${line}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({ child, info: JSON.parse(line), wallMs: performance.now() - spawned, peakRss: () => peakRss }),
    );
    child.once('exit', (code) => reject(new Error(`iamd exited with ${code}`)));
  });
}

/** Closed loop where every request is signed anew (CreateRole needs a new name each time). */
async function loadSigned(url, makeBody, creds, ms) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = Date.now() + ms;
  let done = 0;
  let failed = 0;
  let n = 0;
  const latencies = [];
  const worker = async () => {
    while (Date.now() < deadline) {
      const body = makeBody(n++);
      const headers = signQueryPost({ url, service: 'iam', body, ...creds });
      const t0 = process.hrtime.bigint();
      const { status } = await post(url, headers, body, agent);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (status === 200) done += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: done / (ms / 1000), failed, p50: at(0.5), p99: at(0.99) };
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3]);
} else {
  const dataDir = process.env.BENCH_DATA_DIR ?? join(tmpdir(), `iamd-bench-iam-${process.pid}`);
  let populateSeconds;
  if (!existsSync(join(dataDir, 'bench-root.json'))) populateSeconds = await populate(dataDir);
  const root = JSON.parse(readFileSync(join(dataDir, 'bench-root.json'), 'utf8'));
  const creds = { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey };

  const iamd = await startIamd(dataDir);
  const bare = await startServer('bare');
  try {
    const url = iamd.info.url;
    const getRole = `Action=GetRole&Version=2010-05-08&RoleName=role-${Math.floor(ROLES / 2)}`;
    const getHeaders = signQueryPost({ url, service: 'iam', body: getRole, ...creds });
    const suffix = `${process.pid}-${Date.now()}`;
    const createRole = (i) =>
      `Action=CreateRole&Version=2010-05-08&RoleName=bench-${suffix}-${i}&AssumeRolePolicyDocument=${encodeURIComponent(trust)}`;
    const bareHeaders = signQueryPost({ url: bare.info.url, service: 'iam', body: getRole, ...creds });

    await load(bare.info.url, bareHeaders, getRole, 1000, concurrency);
    const bareResult = await load(bare.info.url, bareHeaders, getRole, seconds * 1000, concurrency);
    await load(url, getHeaders, getRole, 1000, concurrency);
    const getResult = await load(url, getHeaders, getRole, seconds * 1000, concurrency);
    const createResult = await loadSigned(url, createRole, creds, seconds * 1000);

    const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
    console.log(
      `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${ROLES} roles, ${POLICIES} policies in SQLite` +
        (populateSeconds === undefined ? ' (data dir reused)' : ` (populated in ${populateSeconds.toFixed(0)} s)`),
    );
    console.log(
      `start-up: ${(iamd.info.startMs / 1000).toFixed(2)} s in process (${(iamd.wallMs / 1000).toFixed(2)} s from spawn); ` +
        `RSS after start ${mib(iamd.info.rss)} MiB (heap ${mib(iamd.info.heapUsed)} MiB), peak under load ${mib(iamd.peakRss())} MiB`,
    );
    console.log(`${seconds}s per case, concurrency ${concurrency}`);
    console.log('| case | req/s | p50 ms | p99 ms | failed | vs bare |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, r] of [
      ['bare node:http (fixed body)', bareResult],
      ['iamd GetRole', getResult],
      ['iamd CreateRole (signed per request)', createResult],
    ]) {
      console.log(
        `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failed} | ${(r.rps / bareResult.rps).toFixed(2)} |`,
      );
    }
    if (getResult.failed > 0 || createResult.failed > 0) process.exitCode = 1;
  } finally {
    iamd.child.stdin.end();
    bare.child.kill();
  }
}

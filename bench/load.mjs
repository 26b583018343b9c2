// Shared pieces of the HTTP benchmarks: servers in child processes and a closed-loop load (N in flight, as fast as
// possible). The open-loop load (a fixed request rate, for latency at a given fraction of the peak) is
// bench/open-loop.mjs.
// Loopback only; every loop is bounded in time and stops by itself.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { signQueryPost } from './sign.mjs';

/** Starts `bench/servers.mjs <kind> [config JSON]` and resolves with the JSON line it prints. */
export function startServer(kind, config) {
  const args = config === undefined ? [kind] : [kind, JSON.stringify(config)];
  const child = spawn(process.execPath, [new URL('./servers.mjs', import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** One POST to `/` of `url`; resolves with the status and the body. */
export function post(url, headers, body, agent) {
  const target = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      { host: target.hostname, port: target.port, path: '/', method: 'POST', headers, agent },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function summary(latencies, done, failed, ms) {
  latencies.sort((a, b) => a - b);
  return { rps: done / (ms / 1000), failed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** Closed loop: `concurrency` requests in flight for `ms`. */
export async function load(url, headers, body, ms, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = Date.now() + ms;
  const latencies = [];
  let done = 0;
  let failed = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const started = process.hrtime.bigint();
      const { status } = await post(url, headers, body, agent);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (status === 200) done += 1;
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return summary(latencies, done, failed, ms);
}

const tag = (xml, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/**
 * The signed STS request one of the per-request benchmarks replays against an iamd from bench/servers.mjs:
 * `gci` (GetCallerIdentity with the root key), `gci-session` (with session credentials it mints first) or `assume`
 * (AssumeRole of the bench role).
 */
export async function stsRequest(action, info) {
  const root = { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey };
  const gci = 'Action=GetCallerIdentity&Version=2011-06-15';
  const assume = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(info.roleArn)}&RoleSessionName=bench`;
  const signed = (body, creds) => ({ body, headers: signQueryPost({ url: info.url, service: 'sts', body, ...creds }) });
  if (action === 'assume') return signed(assume, root);
  if (action === 'gci') return signed(gci, root);
  if (action !== 'gci-session') throw new Error(`unknown STS case ${action}`);
  const minted = await post(info.url, signQueryPost({ url: info.url, service: 'sts', body: assume, ...root }), assume);
  return signed(gci, {
    accessKeyId: tag(minted.body, 'AccessKeyId'),
    secretAccessKey: tag(minted.body, 'SecretAccessKey'),
    sessionToken: tag(minted.body, 'SessionToken'),
  });
}

// Instance metadata credential fetches per second, as an SDK makes them (PUT a token, GET the role name, GET the
// credentials), from one instance's metadata endpoint of iamd, against a bare node:http server answering the same
// three requests with fixed bodies. Each server runs in its own child process; this process is the client
// (keep-alive, 16 fetch sequences in flight, 1 s warm-up, then BENCH_SECONDS, default 5).
//   npm run build && node bench/imds.mjs
import { spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { once } from 'node:events';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const inFlight = 16;

async function serve(kind) {
  if (kind === 'bare') {
    const credentials = JSON.stringify({
      Code: 'Success',
      LastUpdated: '2026-11-28T12:00:00Z',
      Type: 'AWS-HMAC',
      AccessKeyId: 'ASIAEXAMPLEEXAMPLE00',
      SecretAccessKey: 'x'.repeat(40),
      Token: 't'.repeat(600),
      Expiration: '2026-11-28T18:00:00Z',
    });
    const server = createServer((req, res) => {
      req.resume();
      const body = req.method === 'PUT' ? 'A'.repeat(56) : req.url.endsWith('/') ? 'bench-role' : credentials;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () =>
      console.log(JSON.stringify({ endpoint: `http://127.0.0.1:${server.address().port}` })),
    );
    return;
  }
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config/index.js');
  const app = await startApp({
    config: loadConfig({ port: 0, storage: 'memory', logLevel: 'silent', imdsPortRange: '0' }, {}),
  });
  const account = app.config.accountId;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  await app.services.iam.roles.create(account, { RoleName: 'bench-role', AssumeRolePolicyDocument: trust });
  await app.services.iam.instanceProfiles.create(account, { InstanceProfileName: 'bench' });
  await app.services.iam.instanceProfiles.addRole(account, { InstanceProfileName: 'bench', RoleName: 'bench-role' });
  const reservation = await app.services.ec2.instances.run(
    account,
    { MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: 'bench' } },
    new Map(),
  );
  const endpoint = app.services.ec2.metadataEndpointOf(reservation.Instances[0].InstanceId);
  console.log(JSON.stringify({ endpoint }));
}

function call(agent, endpoint, method, path, headers) {
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}${path}`, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(Buffer.concat(chunks).toString())
          : reject(new Error(`${path}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function fetchOnce(agent, endpoint) {
  const token = await call(agent, endpoint, 'PUT', '/latest/api/token', {
    'x-aws-ec2-metadata-token-ttl-seconds': '21600',
  });
  const headers = { 'x-aws-ec2-metadata-token': token };
  const role = await call(agent, endpoint, 'GET', '/latest/meta-data/iam/security-credentials/', headers);
  const document = JSON.parse(
    await call(agent, endpoint, 'GET', `/latest/meta-data/iam/security-credentials/${role}`, headers),
  );
  if (document.Code !== 'Success') throw new Error(`no credentials: ${document.Message}`);
}

async function measure(kind) {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, 'serve', kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  const { endpoint } = JSON.parse(line.toString());
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const latencies = [];
  const run = async (until, record) => {
    while (performance.now() < until) {
      const started = performance.now();
      await fetchOnce(agent, endpoint);
      if (record) latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, () => run(performance.now() + 1000, false)));
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, () => run(start + seconds * 1000, true)));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  child.kill();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  return { perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

if (process.argv[2] === 'serve') {
  await serve(process.argv[3]);
} else {
  console.log(
    `node ${process.version}; ${seconds} s per case, ${inFlight} fetch sequences in flight (token + role + credentials)`,
  );
  const bare = await measure('bare');
  const iamd = await measure('iamd');
  console.log('| case | fetches/s | p50 ms | p99 ms | vs bare |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, r] of [
    ['bare node:http (fixed bodies)', bare],
    ['iamd instance metadata', iamd],
  ]) {
    console.log(
      `| ${name} | ${Math.round(r.perSecond).toLocaleString('en-US')} | ${r.p50} | ${r.p99} | ${(r.perSecond / bare.perSecond).toFixed(2)} |`,
    );
  }
}

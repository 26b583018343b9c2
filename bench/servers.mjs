// Child process: starts one server for the benchmark and prints how to reach it as one JSON line.
//   node bench/servers.mjs iamd [config JSON] — iamd from dist/, memory storage unless the config says otherwise,
//                                               with a role the root key may assume
//   node bench/servers.mjs bare   — a bare node:http server answering a fixed GetCallerIdentity-sized body
//   node bench/servers.mjs stand-in — the bare server, first spinning its event loop for as many microseconds as
//                                     each request's `x-bench-spin-us` header says (bench/sts.mjs: a server with a
//                                     given CPU time per request and nothing else of iamd's)
//   node bench/servers.mjs iamd-oidc '{"oidcJwksFile":F}' — iamd as above, with an OIDC provider for the issuer of F
//                                  (inline keys) and a role it may assume with AssumeRoleWithWebIdentity
//   BENCH_GC_PAUSES=1 — also reports the event loop's GC pauses on SIGUSR2 (bench/gc-pauses.mjs)
import { createServer } from 'node:http';

// bench/profile.mjs: V8's sampling profiler for the whole run, written to the file it names on SIGTERM.
if (process.env.BENCH_CPU_PROFILE) {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  process.once('SIGTERM', async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.BENCH_CPU_PROFILE, JSON.stringify(profile));
    process.exit(0);
  });
}

// bench/gc-pauses.mjs: the event loop's scavenge and mark-compact pauses since the last report; SIGUSR2
// prints them as one JSON line (`{"gc":{…}}`) and starts a new count.
if (process.env.BENCH_GC_PAUSES) {
  const { PerformanceObserver, constants } = await import('node:perf_hooks');
  const fresh = () => ({ minor: { n: 0, ms: 0, max: 0 }, major: { n: 0, ms: 0, max: 0 } });
  let pauses = fresh();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind;
      const bucket =
        kind === constants.NODE_PERFORMANCE_GC_MINOR
          ? pauses.minor
          : kind === constants.NODE_PERFORMANCE_GC_MAJOR
            ? pauses.major
            : undefined;
      if (!bucket) continue;
      bucket.n += 1;
      bucket.ms += entry.duration;
      bucket.max = Math.max(bucket.max, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    process.stdout.write(`${JSON.stringify({ gc: pauses })}\n`);
    pauses = fresh();
  });
}

const kind = process.argv[2];
if (kind === 'bare' || kind === 'stand-in') {
  const spins = kind === 'stand-in';
  const body = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId><Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (spins) {
        const until = performance.now() + Number(req.headers['x-bench-spin-us'] ?? 0) / 1000;
        while (performance.now() < until);
      }
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
  });
} else if (kind === 'iamd' || kind === 'iamd-oidc') {
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config/index.js');
  const extra = process.argv[3] === undefined ? {} : JSON.parse(process.argv[3]);
  const jwksFile = kind === 'iamd-oidc' ? extra.oidcJwksFile : undefined;
  const app = await startApp({ config: loadConfig({ port: 0, storage: 'memory', logLevel: 'silent', ...extra }, {}) });
  const root = app.bootstrap;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }],
  });
  const role = await app.services.iam.roles.create('000000000000', {
    RoleName: 'bench',
    AssumeRolePolicyDocument: trust,
  });
  const info = {
    url: app.url,
    accessKeyId: root.accessKeyId,
    secretAccessKey: root.secretAccessKey,
    roleArn: role.Role.Arn,
  };
  if (jwksFile) {
    const { readFileSync } = await import('node:fs');
    const [issuer] = Object.keys(JSON.parse(readFileSync(jwksFile, 'utf8')));
    await app.services.iam.providers.createOidc('000000000000', { Url: issuer, ClientIDList: ['sts.amazonaws.com'] });
    const host = issuer.slice('https://'.length);
    const federated = await app.services.iam.roles.create('000000000000', {
      RoleName: 'bench-oidc',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::000000000000:oidc-provider/${host}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com' },
              StringLike: { [`${host}:sub`]: 'repo:octo-org/*' },
            },
          },
        ],
      }),
    });
    info.oidcRoleArn = federated.Role.Arn;
  }
  process.stdout.write(`${JSON.stringify(info)}\n`);
} else {
  process.stderr.write('usage: servers.mjs iamd|iamd-oidc|bare|stand-in\n');
  process.exit(2);
}

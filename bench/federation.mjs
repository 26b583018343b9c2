// Federation benchmark (issue 10): AssumeRoleWithWebIdentity requests per second with a warm JWKS cache (the
// issuer's keys configured inline, so no network is involved), against the bare node:http server and iamd's own
// AssumeRole in the same run. Each request carries the same RS256 ID token (tokens are bearer credentials, valid
// until `exp`), so iamd verifies its signature and claims, evaluates the trust policy and mints a session every time.
//   npm run build && node bench/federation.mjs      (BENCH_SECONDS=5 BENCH_CONCURRENCY=32)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { load, post, startServer } from './load.mjs';
import { signQueryPost } from './sign.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ISSUER = 'https://token.actions.githubusercontent.com';

const dir = mkdtempSync(join(tmpdir(), 'iamd-bench-oidc-'));
const { publicKey, privateKey } = await generateKeyPair('RS256');
const jwksFile = join(dir, 'jwks.json');
writeFileSync(
  jwksFile,
  JSON.stringify({ [ISSUER]: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] } }),
);
const token = await new SignJWT({ sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', aud: 'sts.amazonaws.com' })
  .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
  .setIssuer(ISSUER)
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(privateKey);

const iamd = await startServer('iamd-oidc', { oidcJwksFile: jwksFile });
const bare = await startServer('bare');
try {
  const root = { accessKeyId: iamd.info.accessKeyId, secretAccessKey: iamd.info.secretAccessKey };
  const gci = 'Action=GetCallerIdentity&Version=2011-06-15';
  const assume = `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(iamd.info.roleArn)}&RoleSessionName=bench`;
  const federate = `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(iamd.info.oidcRoleArn)}&RoleSessionName=bench&WebIdentityToken=${token}`;
  const unsigned = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: new URL(iamd.info.url).host,
  };
  const check = await post(iamd.info.url, unsigned, federate);
  if (check.status !== 200) throw new Error(`AssumeRoleWithWebIdentity failed: ${check.status} ${check.body}`);
  const cases = [
    [
      'bare node:http (fixed body)',
      bare.info.url,
      signQueryPost({ url: bare.info.url, service: 'sts', body: gci, ...root }),
      gci,
    ],
    [
      'AssumeRole (signed, root key)',
      iamd.info.url,
      signQueryPost({ url: iamd.info.url, service: 'sts', body: assume, ...root }),
      assume,
    ],
    ['AssumeRoleWithWebIdentity (unsigned, RS256 token)', iamd.info.url, unsigned, federate],
  ];
  const rows = [];
  for (const [name, url, headers, body] of cases) {
    await load(url, headers, body, 1000, concurrency);
    rows.push({ name, result: await load(url, headers, body, seconds * 1000, concurrency) });
  }
  const bareRps = rows[0].result.rps;
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${seconds}s per case, concurrency ${concurrency}`,
  );
  console.log('| case | req/s | vs bare | p50 ms | p99 ms | failed |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { name, result } of rows) {
    console.log(
      `| ${name} | ${result.rps.toFixed(0)} | ${(result.rps / bareRps).toFixed(2)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${result.failed} |`,
    );
  }
  if (rows.some((r) => r.result.failed > 0)) process.exitCode = 1;
} finally {
  iamd.child.kill();
  bare.child.kill();
  rmSync(dir, { recursive: true, force: true });
}

// Policy engine benchmark (issue 3): decisions per second on one core, p50/p99 per decision, and a plain
// Map.get + string compare loop measured in the same run as the baseline. Runs against the built engine:
//   npm run build && node bench/policy.mjs      (BENCH_SECONDS=5 per case, BENCH_OTHER_POLICIES=100000)
// Workloads are generated from a fixed seed, so every run decides the same requests.
import { performance } from 'node:perf_hooks';
import { compilePolicy, createContext, evaluate, mergePolicies, parsePolicy } from '../dist/policy/index.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 5;
const OTHER_POLICIES = Number(process.env.BENCH_OTHER_POLICIES ?? 100_000);
const A = '111122223333';

/** xorshift32: deterministic, so runs are comparable. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

// --- statement shapes: realistic mixes of exact actions, wildcards, resource patterns and conditions -----------
const SERVICES = {
  s3: {
    actions: [
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObject',
      's3:ListBucket',
      's3:GetObjectTagging',
      's3:GetBucketPolicy',
    ],
    globs: ['s3:Get*', 's3:List*', 's3:*Object', 's3:Put*'],
    resource: (n) => (n % 2 === 0 ? `arn:aws:s3:::bucket-${n}/*` : `arn:aws:s3:::bucket-${n}`),
    request: (n) => `arn:aws:s3:::bucket-${n}/data/part-${n}.csv`,
  },
  dynamodb: {
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan'],
    globs: ['dynamodb:Get*', 'dynamodb:Batch*'],
    resource: (n) => `arn:aws:dynamodb:*:${A}:table/table-${n}`,
    request: (n) => `arn:aws:dynamodb:eu-west-1:${A}:table/table-${n}`,
  },
  sqs: {
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
    globs: ['sqs:*Message*'],
    resource: (n) => `arn:aws:sqs:us-east-1:${A}:queue-${n}`,
    request: (n) => `arn:aws:sqs:us-east-1:${A}:queue-${n}`,
  },
  ec2: {
    actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:RunInstances'],
    globs: ['ec2:Describe*'],
    resource: (n) => `arn:aws:ec2:*:${A}:instance/i-${n}*`,
    request: (n) => `arn:aws:ec2:us-east-1:${A}:instance/i-${n}0abc`,
  },
  iam: {
    actions: ['iam:GetUser', 'iam:ListUsers', 'iam:PassRole', 'iam:GetRole'],
    globs: ['iam:List*', 'iam:Get*'],
    resource: (n) => `arn:aws:iam::${A}:role/app-${n}`,
    request: (n) => `arn:aws:iam::${A}:role/app-${n}`,
  },
  logs: {
    actions: ['logs:PutLogEvents', 'logs:CreateLogStream'],
    globs: ['logs:Describe*'],
    resource: (n) => `arn:aws:logs:us-east-1:${A}:log-group:group-${n}:*`,
    request: (n) => `arn:aws:logs:us-east-1:${A}:log-group:group-${n}:log-stream:s`,
  },
};
const CONDITIONS = [
  (n) => ({ StringEquals: { 'aws:PrincipalTag/team': `team-${n % 4}` } }),
  () => ({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }),
  () => ({ Bool: { 'aws:SecureTransport': 'true' } }),
  () => ({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }),
  (n) => ({ StringLike: { 'aws:userid': [`AIDA*`, `*:session-${n}`] } }),
];

function statement(random, names, n, sid) {
  const service = names[Math.floor(random() * names.length)];
  const def = SERVICES[service];
  const pick = (list) => list[Math.floor(random() * list.length)];
  const action = random() < 0.35 ? [pick(def.globs)] : [pick(def.actions), pick(def.actions)];
  const s = { Sid: sid, Effect: 'Allow', Action: action, Resource: [def.resource(n)] };
  if (random() < 0.4) s.Condition = pick(CONDITIONS)(n);
  return s;
}

function compileDocument(statements, source) {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity');
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error}`);
  return compilePolicy(parsed.policy, source, 'identity');
}

/** 10 policies of 10 statements; `names` decides which services the statements name. */
function attachedPolicies(seed, names) {
  const random = rng(seed);
  const policies = [];
  for (let p = 0; p < 10; p++) {
    const statements = [];
    for (let s = 0; s < 10; s++) statements.push(statement(random, names, p * 10 + s, `P${p}S${s}`));
    policies.push(compileDocument(statements, `arn:aws:iam::${A}:policy/bench-${p}`));
  }
  return policies;
}

const principal = {
  type: 'AssumedRole',
  accountId: A,
  arn: `arn:aws:sts::${A}:assumed-role/app/session-7`,
  roleArn: `arn:aws:iam::${A}:role/app`,
};
const context = createContext({
  'aws:PrincipalArn': principal.roleArn,
  'aws:PrincipalAccount': A,
  'aws:PrincipalType': 'AssumedRole',
  'aws:userid': 'AROAEXAMPLEROLEID:session-7',
  'aws:PrincipalTag/team': 'team-1',
  'aws:SourceIp': '10.1.2.3',
  'aws:SecureTransport': 'true',
  'aws:CurrentTime': '2026-11-28T12:00:00Z',
  'aws:EpochTime': '1795867200',
  'aws:RequestedRegion': 'us-east-1',
  'aws:ViaAWSService': 'false',
});

/**
 * Requests against `policies`: for each statement a request it names (most are allowed) and a near miss
 * (another bucket, table, queue… : implicitly denied); then as many allowed as denied are kept.
 */
function requests(seed, names, policies, count) {
  const random = rng(seed);
  const allowed = [];
  const denied = [];
  while (allowed.length < count / 2 || denied.length < count / 2) {
    const service = names[Math.floor(random() * names.length)];
    const def = SERVICES[service];
    const n = Math.floor(random() * 100) + (random() < 0.5 ? 0 : 1000);
    const list = random() < 0.7 ? def.actions : def.actions.map((a) => a.replace(/:(\w)/, ':$1'));
    const action = list[Math.floor(random() * list.length)];
    const request = { principal, action, resource: def.request(n), resourceAccount: A, context };
    const outcome = evaluate(request, { identity: policies }).outcome;
    if (outcome === 'Allow' && allowed.length < count / 2) allowed.push(request);
    else if (outcome !== 'Allow' && denied.length < count / 2) denied.push(request);
  }
  const out = [];
  for (let i = 0; i < count / 2; i++) out.push(allowed[i], denied[i]);
  return out;
}

/** CPU time of this process in seconds (user + system): what one core spent, whatever else the machine runs. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Decisions per second of CPU time on one core: the median of ROUNDS rounds of `seconds / ROUNDS` each. CPU time
 * rather than wall time, so other processes on a shared machine do not count against iamd.
 */
function throughput(reqs, decide) {
  let sink = 0;
  for (let i = 0; i < 50_000; i++) sink += decide(reqs[i % reqs.length]); // warm-up and JIT
  const rates = [];
  for (let round = 0; round < ROUNDS; round++) {
    let done = 0;
    const start = cpuSeconds();
    const deadline = performance.now() + (seconds * 1000) / ROUNDS;
    while (performance.now() < deadline) {
      for (let i = 0; i < reqs.length; i++) sink += decide(reqs[i]);
      done += reqs.length;
    }
    rates.push(done / (cpuSeconds() - start));
  }
  rates.sort((a, b) => a - b);
  return { perSecond: rates[ROUNDS >> 1], sink };
}

/** p50/p99 of single decisions in ns, with the cost of reading the timer itself subtracted. */
function latency(reqs, decide, samples = 200_000) {
  const times = new Float64Array(samples);
  const empty = new Float64Array(10_000);
  for (let i = 0; i < empty.length; i++) {
    const t0 = process.hrtime.bigint();
    empty[i] = Number(process.hrtime.bigint() - t0);
  }
  empty.sort();
  const overhead = empty[empty.length >> 1];
  let sink = 0;
  for (let i = 0; i < samples; i++) {
    const r = reqs[i % reqs.length];
    const t0 = process.hrtime.bigint();
    sink += decide(r);
    times[i] = Number(process.hrtime.bigint() - t0) - overhead;
  }
  times.sort();
  return { p50: Math.max(0, times[samples >> 1]), p99: Math.max(0, times[Math.floor(samples * 0.99)]), sink };
}

const allowOf = (reqs, policies) =>
  reqs.filter((r) => evaluate(r, { identity: policies }).outcome === 'Allow').length / reqs.length;

function engineCase(name, reqs, set) {
  const decide = (r) => (evaluate(r, set).outcome === 'Allow' ? 1 : 0);
  const t = throughput(reqs, decide);
  const l = latency(reqs, decide);
  return { name, perSecond: t.perSecond, p50: l.p50, p99: l.p99 };
}

// --- workloads ------------------------------------------------------------------------------------------------
const mixedNames = Object.keys(SERVICES);
const mixed = attachedPolicies(42, mixedNames);
const mixedRequests = requests(7, mixedNames, mixed, 2000);
const s3Only = attachedPolicies(43, ['s3']);
const s3Requests = requests(8, ['s3'], s3Only, 2000);

// Baseline: the cheapest conceivable "decision", a Map lookup and a string compare per request.
const table = new Map(mixedRequests.map((r, i) => [r.action, i % 2 === 0 ? r.resource : '']));
const baselineDecide = (r) => (table.get(r.action) === r.resource ? 1 : 0);

const results = [];
const base = throughput(mixedRequests, baselineDecide);
const baseLatency = latency(mixedRequests, baselineDecide);
results.push({
  name: 'baseline: Map.get + string compare',
  perSecond: base.perSecond,
  p50: baseLatency.p50,
  p99: baseLatency.p99,
});
results.push(engineCase('10 policies × 10 statements, mixed services', mixedRequests, { identity: mixed }));
results.push(
  engineCase('same, merged with mergePolicies', mixedRequests, { identity: [mergePolicies(mixed, 'bench')] }),
);
results.push(engineCase('100 statements all naming s3 (worst case)', s3Requests, { identity: s3Only }));
results.push(
  engineCase('same, merged with mergePolicies', s3Requests, { identity: [mergePolicies(s3Only, 'bench-s3')] }),
);

// 100,000 other policies in the account: built, compiled and held as a store would, never attached.
const built = performance.now();
const account = new Map();
const random = rng(99);
for (let p = 0; p < OTHER_POLICIES; p++) {
  const statements = [];
  for (let s = 0; s < 5; s++) statements.push(statement(random, mixedNames, p + s, `O${s}`));
  const arn = `arn:aws:iam::${A}:policy/other-${p}`;
  account.set(arn, compileDocument(statements, arn));
}
const buildSeconds = (performance.now() - built) / 1000;
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
results.push(
  engineCase(`mixed, with ${OTHER_POLICIES.toLocaleString('en')} other policies compiled`, mixedRequests, {
    identity: mixed,
  }),
);
results.push(engineCase('worst case, with the other policies', s3Requests, { identity: s3Only }));

const fmt = (n) => Math.round(n).toLocaleString('en');
console.log(`node ${process.version}, ${process.platform} ${process.arch}; ${seconds} s per case, one core, CPU time`);
console.log(
  `allow share: mixed ${(allowOf(mixedRequests, mixed) * 100).toFixed(0)}%, worst case ${(allowOf(s3Requests, s3Only) * 100).toFixed(0)}%`,
);
console.log(
  `${OTHER_POLICIES.toLocaleString('en')} other policies (5 statements each) compiled in ${buildSeconds.toFixed(1)} s; heap ${heapMiB.toFixed(0)} MiB (size ${account.size})`,
);
console.log('| case | decisions/s | p50 ns | p99 ns | baseline ÷ case |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.name} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${(base.perSecond / r.perSecond).toFixed(1)} |`,
  );
}
const flat = results[5].perSecond / results[1].perSecond;
console.log(`with the other policies / without: ${flat.toFixed(2)}× the throughput (flat means ≥ 0.5)`);

// The open-loop load of bench/sts.mjs's latency phase: a fixed request rate on raw keep-alive TCP connections,
// each request the same pre-encoded HTTP/1.1 message, each response read only as far as its status line and
// Content-Length. The `node:http` client (bench/load.mjs) costs more CPU per request than the bare server it
// measures, and at about 19,000 req/s on a 2-vCPU host it fell 256 requests behind its schedule against the bare
// server itself (bench/README.md, STS, 2026-11-29 third session): a latency figure then measures the client.
// Latency is counted from when each request was due, not from when it could be sent, so a client or server that
// falls behind the schedule shows in the figures (wrk2's correction for coordinated omission); a request due while
// every connection is busy waits for the first free one, and that wait is part of its latency.
import { connect } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

/** The bytes of one `POST /` to `url` with `headers` and `body`. */
export function encodeRequest(url, headers, body) {
  const target = new URL(url);
  const lines = ['POST / HTTP/1.1', `Host: ${target.host}`, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'host' && lower !== 'content-length' && lower !== 'connection') lines.push(`${name}: ${value}`);
  }
  const payload = Buffer.from(body, 'utf8');
  lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

/** Opens one keep-alive connection; `onResponse(conn, outcome)` is called for each response or failure. */
export function openConnection(target, onResponse) {
  const socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
  const conn = { socket, waiting: undefined, buffered: Buffer.alloc(0), closed: false };
  socket.on('data', (chunk) => {
    conn.buffered = conn.buffered.length === 0 ? chunk : Buffer.concat([conn.buffered, chunk]);
    for (;;) {
      const end = conn.buffered.indexOf(HEADER_END);
      if (end < 0) return;
      const head = conn.buffered.toString('latin1', 0, end);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      const total = end + HEADER_END.length + length;
      if (conn.buffered.length < total) return;
      conn.buffered = conn.buffered.subarray(total);
      onResponse(conn, head.startsWith('HTTP/1.1 200 ') ? 'ok' : 'status');
    }
  });
  const fail = () => {
    if (conn.closed) return;
    conn.closed = true;
    onResponse(conn, 'socket');
  };
  socket.on('error', fail);
  socket.on('close', fail);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(conn));
    socket.once('error', reject);
  });
}

/**
 * Sends `rate` requests per second for `ms` on `connections` keep-alive connections, after the same schedule has
 * run untimed for `warmupMs`. Resolves with the completed rate, p50 and p99 latency in ms (from each request's due
 * time), and the failures by kind: `socket` (the connection failed) and `status` (an answer other than 200). Once
 * every connection has failed, what is still queued fails too, so a dead server ends the run instead of hanging it.
 */
export async function openLoop(url, headers, body, { ms, rate, warmupMs = 1000, connections = 64 }) {
  const target = new URL(url);
  const request = encodeRequest(url, headers, body);
  const idle = [];
  /** Due times of the requests waiting for a connection. */
  const queue = [];
  let live = connections;
  /** Records one request's outcome in the phase under way (phases run one after the other, never overlapping). */
  let settle = () => {};
  const send = (conn) => {
    const due = queue.shift();
    if (due === undefined) {
      idle.push(conn);
      return;
    }
    conn.waiting = due;
    conn.socket.write(request);
  };
  const onResponse = (conn, outcome) => {
    const due = conn.waiting;
    conn.waiting = undefined;
    if (due !== undefined) settle(due, outcome);
    if (!conn.closed) {
      send(conn);
      return;
    }
    const at = idle.indexOf(conn);
    if (at >= 0) idle.splice(at, 1);
    live -= 1;
    if (live === 0) for (const queued of queue.splice(0)) settle(queued, 'socket');
  };
  const conns = [];
  for (let i = 0; i < connections; i++) conns.push(await openConnection(target, onResponse));
  idle.push(...conns);

  const run = async (durationMs) => {
    const latencies = [];
    const failures = { socket: 0, status: 0 };
    let outstanding = 0;
    let allSent = false;
    let finished;
    const done = new Promise((resolve) => {
      finished = resolve;
    });
    settle = (due, outcome) => {
      latencies.push(performance.now() - due);
      if (outcome !== 'ok') failures[outcome] += 1;
      outstanding -= 1;
      if (allSent && outstanding === 0) finished();
    };
    const start = performance.now();
    const interval = 1000 / rate;
    for (let i = 0; ; i += 1) {
      const due = start + i * interval;
      if (due >= start + durationMs) break;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      outstanding += 1;
      if (live === 0) {
        settle(performance.now(), 'socket');
        continue;
      }
      // A request sent up to a millisecond early (timers have that granularity) counts from when it was sent.
      queue.push(Math.min(due, performance.now()));
      const conn = idle.pop();
      if (conn) send(conn);
    }
    allSent = true;
    if (outstanding > 0) await done;
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    const failed = failures.socket + failures.status;
    return { rps: (latencies.length - failed) / (durationMs / 1000), failed, failures, p50: at(0.5), p99: at(0.99) };
  };
  try {
    if (warmupMs > 0) await run(warmupMs);
    return await run(ms);
  } finally {
    for (const conn of conns) conn.socket.destroy();
  }
}

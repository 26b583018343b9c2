// A closed-loop load (N requests in flight, as fast as possible) on raw keep-alive TCP connections: each request the
// same pre-encoded HTTP/1.1 message, each response read only as far as its status line and Content-Length
// (bench/open-loop.mjs's connections). The `node:http` client of bench/load.mjs spends about as much CPU per request
// as the server it loads (150–170 µs on the 2-vCPU host of bench/README.md, "Audit trail", seventh session), so on a
// 2-core machine its figures measure the client and the server together; this one spends a fraction of that, and
// the server's own cost decides its rate, as it would with clients on other machines.
// Loopback only; every run is bounded in time and stops by itself.
import { encodeRequest, openConnection } from './open-loop.mjs';

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Keeps `concurrency` requests in flight for `ms` (one per connection). Resolves like bench/load.mjs's `load`: the
 * rate of 200 answers, the failures (other statuses and failed connections), p50 and p99 latency in ms.
 */
export async function rawLoad(url, headers, body, ms, concurrency) {
  const target = new URL(url);
  const request = encodeRequest(url, headers, body);
  const latencies = [];
  let done = 0;
  let failed = 0;
  let deadline = Number.POSITIVE_INFINITY;
  let open = concurrency;
  let finished;
  const over = new Promise((resolve) => {
    finished = resolve;
  });
  const send = (conn) => {
    if (conn.closed || performance.now() >= deadline) {
      open -= 1;
      if (open === 0) finished();
      return;
    }
    conn.waiting = performance.now();
    conn.socket.write(request);
  };
  const onResponse = (conn, outcome) => {
    const sent = conn.waiting;
    conn.waiting = undefined;
    if (sent === undefined) return;
    latencies.push(performance.now() - sent);
    if (outcome === 'ok') done += 1;
    else failed += 1;
    send(conn);
  };
  const conns = [];
  try {
    for (let i = 0; i < concurrency; i++) conns.push(await openConnection(target, onResponse));
    const start = performance.now();
    deadline = start + ms;
    for (const conn of conns) send(conn);
    await over;
    const elapsed = performance.now() - start;
    latencies.sort((a, b) => a - b);
    return { rps: done / (elapsed / 1000), failed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
  } finally {
    for (const conn of conns) conn.socket.destroy();
  }
}

/**
 * @module storage/blobs/hash-worker
 * Hashes large bodies on a worker thread. A large PutObject spent half the event loop's busy time in MD5 (the ETag
 * needs it; bench/README.md "S3"), so the digester hands a body's bytes to this thread once the body turns out to be
 * large, and the event loop only copies each chunk across. Each chunk is acknowledged; a job with more than
 * `MAX_IN_FLIGHT` bytes unacknowledged waits, so a slow hash slows the upload instead of buffering it.
 *
 * The worker's code is a string run with `eval` (it needs only `node:crypto`), the same from the build and from source.
 */

import { Worker } from 'node:worker_threads';

/** Bytes sent to the thread but not yet hashed, per job, before `update` asks its caller to wait. */
const MAX_IN_FLIGHT = 8 * 1024 * 1024;

const workerCode = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'close') return parentPort.close();
  if (m.op === 'start') return void jobs.set(m.id, m.algorithms.map((a) => createHash(a)));
  if (m.op === 'abort') return void jobs.delete(m.id);
  const hashes = jobs.get(m.id);
  if (!hashes) return;
  if (m.op === 'data') {
    const bytes = new Uint8Array(m.buffer);
    for (const hash of hashes) hash.update(bytes);
    parentPort.postMessage({ id: m.id, ack: bytes.byteLength });
  } else if (m.op === 'end') {
    jobs.delete(m.id);
    parentPort.postMessage({ id: m.id, digests: hashes.map((hash) => hash.digest('hex')) });
  }
});
`;

/** One body being hashed on the thread. */
export interface HashJob {
  /** Sends a copy of `chunk`; returns a promise when the caller should wait before sending more. */
  update(chunk: Uint8Array): Promise<void> | undefined;
  /** The hex digests, in the order of the algorithms the job started with. */
  finish(): Promise<string[]>;
  /** Forgets the job (the body failed). */
  abort(): void;
}

/** The thread, started on first use. */
export interface HashWorker {
  start(algorithms: readonly string[]): HashJob;
  /** Ends the thread once the jobs under way have finished. Idempotent. */
  close(): Promise<void>;
}

interface JobState {
  inFlight: number;
  resume: (() => void) | undefined;
  done: { resolve: (digests: string[]) => void; reject: (error: Error) => void } | undefined;
  fail: (error: Error) => void;
}

/**
 * Creates the hashing thread's handle. The thread keeps the process alive only while a job is under way.
 *
 * @example
 * const job = hashWorker.start(['md5']);
 * for await (const chunk of body) await job.update(chunk);
 * const [md5] = await job.finish();
 */
export function createHashWorker(): HashWorker {
  const jobs = new Map<number, JobState>();
  let worker: Worker | undefined;
  let nextId = 0;
  let closed = false;

  const start = (): Worker => {
    const started = new Worker(workerCode, { eval: true });
    started.unref();
    started.on('message', (message: { id: number; ack?: number; digests?: string[] }) => {
      const job = jobs.get(message.id);
      if (!job) return;
      if (message.ack !== undefined) {
        job.inFlight -= message.ack;
        if (job.resume && job.inFlight <= MAX_IN_FLIGHT / 2) {
          const resume = job.resume;
          job.resume = undefined;
          resume();
        }
      } else if (message.digests) {
        jobs.delete(message.id);
        if (jobs.size === 0) started.unref();
        job.done?.resolve(message.digests);
      }
    });
    const lost = (error: Error) => {
      if (worker === started) worker = undefined;
      for (const job of jobs.values()) job.fail(error);
      jobs.clear();
    };
    started.on('error', lost);
    started.on('exit', () => lost(new Error('hash worker: the thread ended')));
    return started;
  };

  return {
    start(algorithms) {
      if (closed) throw new Error('hash worker: closed');
      worker ??= start();
      const thread = worker;
      const id = nextId++;
      let failure: Error | undefined;
      const state: JobState = {
        inFlight: 0,
        resume: undefined,
        done: undefined,
        fail(error) {
          failure = error;
          state.resume?.();
          state.done?.reject(error);
        },
      };
      jobs.set(id, state);
      thread.ref();
      thread.postMessage({ op: 'start', id, algorithms });
      return {
        update(chunk) {
          if (failure) throw failure;
          const copy = new Uint8Array(chunk);
          state.inFlight += copy.byteLength;
          thread.postMessage({ op: 'data', id, buffer: copy.buffer }, [copy.buffer]);
          if (state.inFlight <= MAX_IN_FLIGHT) return undefined;
          return new Promise<void>((resolve) => {
            state.resume = resolve;
          });
        },
        finish() {
          if (failure) return Promise.reject(failure);
          return new Promise<string[]>((resolve, reject) => {
            state.done = { resolve, reject };
            thread.postMessage({ op: 'end', id });
          });
        },
        abort() {
          if (!jobs.delete(id)) return;
          if (jobs.size === 0) thread.unref();
          thread.postMessage({ op: 'abort', id });
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      const running = worker;
      if (!running) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.ref();
      running.postMessage({ op: 'close' });
      await exited;
    },
  };
}

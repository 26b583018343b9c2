/**
 * @module storage/blobs/hash-worker
 * Hashes large bodies on a worker thread, reading them back from the file they are being written to. A large
 * PutObject spent half the event loop's busy time in MD5 (the ETag needs it; bench/README.md "S3"), so once a body
 * turns out to be large the thread takes over its hashing.
 *
 * The bytes do not cross between threads: the event loop tells the thread how far the file has been written, and the
 * thread reads that far with its own descriptor (from the page cache the write just filled) and hashes. Handing the
 * bytes over instead cost the event loop a copy of each chunk (fresh copies also made V8 collect garbage about once
 * per 64 MiB copied; copies into one shared ring still cost about a quarter of the event loop's time per MiB, the
 * cache lines moving between cores). Reading back holds no memory for a thread that lags behind, so nothing waits
 * for it until the end of the body, and what is hashed is what the file holds.
 *
 * The worker's code is a string run with `eval` (it needs only `node:crypto` and `node:fs`), the same from the build
 * and from source.
 */

import type { Worker } from 'node:worker_threads';
import { startEvalWorker, stopEvalWorker } from '../eval-worker.js';

const workerCode = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const scratch = Buffer.allocUnsafe(1024 * 1024);
const jobs = new Map();
const close = (job) => { try { closeSync(job.fd); } catch {} };
const fail = (id, job, error) => {
  jobs.delete(id);
  if (job) close(job);
  parentPort.postMessage({ id, error: String(error && error.message || error) });
};
parentPort.on('message', (m) => {
  if (m.op === 'close') return parentPort.close();
  if (m.op === 'start') {
    try {
      jobs.set(m.id, { fd: openSync(m.path, 'r'), hashed: 0, hashes: m.algorithms.map((a) => createHash(a)) });
    } catch (error) {
      fail(m.id, undefined, error);
    }
    return;
  }
  const job = jobs.get(m.id);
  if (!job) return;
  if (m.op === 'abort') {
    jobs.delete(m.id);
    return close(job);
  }
  try {
    while (job.hashed < m.upTo) {
      const read = readSync(job.fd, scratch, 0, Math.min(scratch.length, m.upTo - job.hashed), job.hashed);
      if (read === 0) throw new Error('hash worker: the file ended early');
      const bytes = scratch.subarray(0, read);
      for (const hash of job.hashes) hash.update(bytes);
      job.hashed += read;
    }
  } catch (error) {
    return fail(m.id, job, error);
  }
  if (m.op === 'end') {
    jobs.delete(m.id);
    close(job);
    parentPort.postMessage({ id: m.id, digests: job.hashes.map((hash) => hash.digest('hex')) });
  }
});
`;

/** One file being hashed on the thread. */
export interface HashJob {
  /** The file's first `bytes` bytes are written: the thread may read and hash them. */
  written(bytes: number): void;
  /** The hex digests of the file's first `bytes` bytes, in the order of the algorithms the job started with. */
  finish(bytes: number): Promise<string[]>;
  /** Forgets the job (the body failed); the thread closes its descriptor. */
  abort(): void;
}

/** The thread, started on first use. */
export interface HashWorker {
  /** Starts hashing the file at `path` (being written by the caller) with `algorithms` (`md5`, `sha256`). */
  start(algorithms: readonly string[], path: string): HashJob;
  /** Ends the thread once the jobs under way have finished. Idempotent. */
  close(): Promise<void>;
}

interface JobState {
  failure: Error | undefined;
  done: { resolve: (digests: string[]) => void; reject: (error: Error) => void } | undefined;
}

/**
 * Creates the hashing thread's handle. The thread keeps the process alive only while a job is under way.
 *
 * @example
 * const job = hashWorker.start(['md5'], '/data/tmp/blob');
 * job.written(1048576); // after each write
 * const [md5] = await job.finish(size);
 */
export function createHashWorker(): HashWorker {
  const jobs = new Map<number, JobState>();
  let worker: Worker | undefined;
  let nextId = 0;
  let closed = false;

  const fail = (job: JobState, error: Error) => {
    job.failure = error;
    job.done?.reject(error);
  };

  const start = (): Worker => {
    const started = startEvalWorker(
      workerCode,
      undefined,
      (error) => {
        if (worker === started) worker = undefined;
        for (const job of jobs.values()) fail(job, error);
        jobs.clear();
      },
      'hash worker',
    );
    started.on('message', (message: { id: number; digests?: string[]; error?: string }) => {
      const job = jobs.get(message.id);
      if (!job) return;
      jobs.delete(message.id);
      if (jobs.size === 0) started.unref();
      if (message.digests) job.done?.resolve(message.digests);
      else fail(job, new Error(message.error ?? 'hash worker: failed'));
    });
    return started;
  };

  return {
    start(algorithms, path) {
      if (closed) throw new Error('hash worker: closed');
      worker ??= start();
      const thread = worker;
      const id = nextId++;
      const state: JobState = { failure: undefined, done: undefined };
      jobs.set(id, state);
      thread.ref();
      thread.postMessage({ op: 'start', id, algorithms, path });
      return {
        written(bytes) {
          if (!state.failure && jobs.has(id)) thread.postMessage({ op: 'data', id, upTo: bytes });
        },
        finish(bytes) {
          if (state.failure) return Promise.reject(state.failure);
          return new Promise<string[]>((resolve, reject) => {
            state.done = { resolve, reject };
            thread.postMessage({ op: 'end', id, upTo: bytes });
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
      await stopEvalWorker(worker, { op: 'close' });
    },
  };
}

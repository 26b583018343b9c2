/**
 * @module storage/eval-worker
 * The lifecycle the storage layer's worker threads share (the SQLite audit writer, the blob hash worker): code run
 * with `eval`, so it is the same from the build and from source (the tests); started on first use; holding the
 * process open only while work is under way (callers `ref()` it when they post and `unref()` it when nothing is
 * pending); and closed by asking it to finish what it was given and waiting for it to exit.
 */

import { Worker } from 'node:worker_threads';

/**
 * Starts a worker from `code`, unreferenced. `lost` runs when the thread fails or exits (a crash, or the end of
 * {@link stopEvalWorker}), so its callers can fail what they wait for; the next use starts a new thread.
 *
 * @example
 * const worker = startEvalWorker(code, { file }, (error) => failAll(error), 'audit writer');
 */
export function startEvalWorker(code: string, workerData: unknown, lost: (error: Error) => void, name: string): Worker {
  const worker = new Worker(code, { eval: true, workerData });
  worker.unref();
  worker.on('error', lost);
  worker.on('exit', () => lost(new Error(`${name}: the thread ended`)));
  return worker;
}

/**
 * Posts `message` (the worker's own "close" request) and resolves once the thread has exited; nothing to do when no
 * thread was started.
 *
 * @example
 * await stopEvalWorker(worker, { close: true });
 */
export async function stopEvalWorker(worker: Worker | undefined, message: unknown): Promise<void> {
  if (!worker) return;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.ref();
  worker.postMessage(message);
  await exited;
}

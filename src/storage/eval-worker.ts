/**
 * @module storage/eval-worker
 * The lifecycle the storage layer's worker threads share (the SQLite audit writer, the blob hash worker): code run
 * with `eval`, so it is the same from the build and from source (the tests), or a module of the build; started on
 * first use; holding the process open only while work is under way (callers `ref()` it when they post and `unref()`
 * it when nothing is pending); and closed by asking it to finish what it was given and waiting for it to exit.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker from `code`, unreferenced. `lost` runs when the thread fails or exits (a crash, or the end of
 * {@link stopEvalWorker}), so its callers can fail what they wait for; the next use starts a new thread.
 *
 * @example
 * const worker = startEvalWorker(code, { file }, (error) => failAll(error), 'audit writer');
 */
export function startEvalWorker(code: string, workerData: unknown, lost: (error: Error) => void, name: string): Worker {
  return watched(new Worker(code, { eval: true, workerData }), lost, name);
}

/**
 * Starts a worker running a module of iamd's build (`url`, from {@link builtModuleUrl}), with the lifecycle of
 * {@link startEvalWorker}: for a thread that runs iamd's own code (the SQLite audit writer builds records with the
 * request path's builder), which the eval'd code of the other workers cannot import.
 *
 * @example
 * const worker = startModuleWorker(builtModuleUrl('./thread.js', import.meta.url), data, failAll, 'audit writer');
 */
export function startModuleWorker(url: URL, workerData: unknown, lost: (error: Error) => void, name: string): Worker {
  if (!existsSync(url)) {
    throw new Error(`${name}: ${fileURLToPath(url)} is missing; run \`npm run build\` (the thread runs the build)`);
  }
  return watched(new Worker(url, { workerData }), lost, name);
}

/**
 * The URL of a module of the build, relative to the calling module's `import.meta.url`. From the build, that is the
 * module beside it; from source (the tests run the TypeScript directly, and a worker thread cannot), it is the same
 * module in `dist/`, which `npm test` builds before it runs the tests.
 *
 * @example
 * builtModuleUrl('./sqlite-audit-thread.js', 'file:///app/src/storage/sqlite/sqlite-audit-worker.ts');
 * // file:///app/dist/storage/sqlite/sqlite-audit-thread.js
 */
export function builtModuleUrl(relative: string, base: string): URL {
  const url = new URL(relative, base);
  if (!base.endsWith('.ts')) return url;
  const path = url.pathname;
  const at = path.lastIndexOf('/src/');
  if (at < 0) return url;
  return new URL(`${path.slice(0, at)}/dist/${path.slice(at + '/src/'.length)}`, url);
}

function watched(worker: Worker, lost: (error: Error) => void, name: string): Worker {
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

/**
 * @module cli/instance/run-child
 * Runs the workload command with inherited standard streams, forwards SIGINT, SIGTERM and SIGHUP to it, and
 * resolves to its exit code (128 + the signal number when a signal ended it, as shells report it).
 */

import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `command` and resolves to its exit code.
 *
 * @example
 * const code = await runChild(['aws', 's3', 'ls'], env);
 */
export function runChild(command: readonly string[], env: Record<string, string>): Promise<number> {
  const [file, ...args] = command;
  if (file === undefined) return Promise.reject(new Error('no command to run (put it after --)'));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of FORWARDED) process.on(signal, forward);
    const cleanup = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    child.once('error', (error) => {
      cleanup();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}

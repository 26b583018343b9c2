/**
 * @module cli/import/progress
 * A one-line progress bar on a terminal (`\r`-redrawn, at most every 100 ms), silent when the stream is not a
 * TTY so logs and pipes stay clean.
 */

import type { Writable } from 'node:stream';

/** A stream that may be a terminal. */
type Output = Writable & { isTTY?: boolean; columns?: number };

/**
 * Returns the progress callback for `label`, and `done()` to end the line.
 *
 * @example
 * const bar = progressBar(process.stderr, 'Importing');
 * bar.update(3, 10);
 * bar.done();
 */
export function progressBar(out: Output, label: string, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(done: number, total: number): void {
      if (!out.isTTY || total === 0) return;
      const time = now();
      if (done < total && time - last < 100) return;
      last = time;
      const width = 30;
      const filled = Math.round((done / total) * width);
      out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    done(): void {
      if (drawn) out.write('\n');
    },
  };
}

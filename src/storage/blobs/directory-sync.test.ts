/**
 * @module storage/blobs/directory-sync.test
 * Group commit keeps the guarantee of one fsync per commit: every caller waits for a sync of its directory that
 * started after it called, and concurrent callers share them.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySync, syncDirectory } from './directory-sync.js';

/** A fake fsync: records each start, and finishes when the test says so. */
function fakeSync() {
  const started: { path: string; finish: () => void; fail: (error: Error) => void }[] = [];
  const sync = (path: string) =>
    new Promise<void>((resolve, reject) => {
      started.push({ path, finish: resolve, fail: reject });
    });
  return { started, sync };
}

/** Lets queued promise reactions run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createDirectorySync', () => {
  it('starts a sync for a lone caller and a new one for a caller who comes after it ended', async () => {
    const { started, sync } = fakeSync();
    const syncDir = createDirectorySync(sync);
    const first = syncDir('/a');
    expect(started.map((s) => s.path)).toEqual(['/a']);
    started[0]!.finish();
    await first;
    const second = syncDir('/a');
    expect(started).toHaveLength(2);
    started[1]!.finish();
    await second;
  });

  it('makes callers who arrive during a sync wait for one more, which they share and which starts after it', async () => {
    const { started, sync } = fakeSync();
    const syncDir = createDirectorySync(sync);
    const done: string[] = [];
    const track = (name: string, promise: Promise<void>) => promise.then(() => done.push(name));
    const first = track('first', syncDir('/a'));
    const late = [track('late 1', syncDir('/a')), track('late 2', syncDir('/a')), track('late 3', syncDir('/a'))];
    // Another directory has syncs of its own.
    const other = track('other', syncDir('/b'));
    expect(started.map((s) => s.path)).toEqual(['/a', '/b']);
    started[0]!.finish();
    await first;
    await settle();
    // The late callers did not count the sync that was under way when they came.
    expect(done).toEqual(['first']);
    expect(started.map((s) => s.path)).toEqual(['/a', '/b', '/a']);
    started[2]!.finish();
    await Promise.all(late);
    expect(done).toEqual(['first', 'late 1', 'late 2', 'late 3']);
    started[1]!.finish();
    await other;
    expect(started).toHaveLength(3);
  });

  it('fails only the callers of a failed sync; those waiting for the next still get theirs', async () => {
    const { started, sync } = fakeSync();
    const syncDir = createDirectorySync(sync);
    const first = syncDir('/a');
    const late = syncDir('/a');
    started[0]!.fail(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    await settle();
    expect(started).toHaveLength(2);
    started[1]!.finish();
    await expect(late).resolves.toBeUndefined();
  });
});

describe('syncDirectory', () => {
  it('fsyncs a real directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamd-dirsync-'));
    try {
      await expect(syncDirectory(dir)).resolves.toBeUndefined();
      await expect(syncDirectory(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

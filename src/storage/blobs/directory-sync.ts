/**
 * @module storage/blobs/directory-sync
 * Directory fsyncs with group commit. A rename survives a power loss once an fsync of its directory that *started
 * after* the rename has finished (fsync(2): "Calling fsync() does not necessarily ensure that the entry in the
 * directory containing the file has also reached disk. For that an explicit fsync() on a file descriptor for the
 * directory is also needed"). Commits into one directory can therefore share one: a caller who finds no fsync of the
 * directory under way starts one; a caller who finds one under way (it may have started before the caller's rename)
 * waits for the next, which starts as soon as that one ends and serves everyone who arrived meanwhile. Every caller
 * still waits for an fsync that began after its own rename, so durability is exactly that of one fsync per commit,
 * with fewer trips through libuv's four-thread pool (each fsync holds a thread until the disk answers).
 */

import { open } from 'node:fs/promises';

/** Makes a rename durable: the new directory entry only survives a power loss once the directory is synced. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems refuse fsync on directories (EINVAL/EISDIR); the rename itself already happened.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

interface DirectoryState {
  /** The fsync under way. */
  readonly running: Promise<void>;
  /** The fsync that follows it, shared by every caller who arrived while it ran. */
  next: Promise<void> | undefined;
}

/**
 * A function that resolves once `path` was fsynced by a sync that started after the call, sharing syncs between
 * concurrent callers.
 *
 * @example
 * const syncDir = createDirectorySync();
 * await rename(from, to);
 * await syncDir(dirname(to));
 */
export function createDirectorySync(sync: (path: string) => Promise<void> = syncDirectory) {
  const states = new Map<string, DirectoryState>();
  const start = (path: string): Promise<void> => {
    const running = sync(path).finally(() => {
      if (states.get(path) === state) states.delete(path);
    });
    const state: DirectoryState = { running, next: undefined };
    states.set(path, state);
    return running;
  };
  return (path: string): Promise<void> => {
    const state = states.get(path);
    if (!state) return start(path);
    state.next ??= state.running.then(
      () => start(path),
      () => start(path),
    );
    return state.next;
  };
}

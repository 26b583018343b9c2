/**
 * @module storage/audit-file/json-lines-sink
 * The append-only JSON Lines audit file: one CloudTrail record per line, appended in batches, rotated when the next
 * batch would take it past its size limit (the full file is renamed `<file>.<time>` and a new one started). Records
 * are encoded into the batch's bytes as they are staged (../utf8-buffer.ts), and the batch is written by `commit`.
 * With `durable` a batch is fsynced before `commit` resolves, so an acknowledged request's record survives `kill -9`.
 */

import { mkdir, open, rename, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEvent } from '../../core/audit/index.js';
import type { AuditEventSink } from '../../core/ports.js';
import { Utf8Buffer } from '../utf8-buffer.js';

/** Where and how big. */
export interface JsonLinesSinkOptions {
  readonly file: string;
  /** The size past which the file is rotated, in bytes. */
  readonly maxBytes: number;
  /** The time used in rotated files' names. */
  readonly now: () => Date;
}

/** `<file>.2026-11-28T17-30-00.123Z`: sorts by time, and has no `:` (portable file names). */
export function rotatedName(file: string, at: Date): string {
  return `${file}.${at.toISOString().replaceAll(':', '-')}`;
}

/**
 * Creates the file sink. The file and its directory are created on first write (mode 0600: records name who did
 * what).
 *
 * @example
 * const sink = createJsonLinesSink({ file: '/var/log/iamd/audit.jsonl', maxBytes: 100 * 1024 ** 2, now: () => new Date() });
 */
export function createJsonLinesSink(options: JsonLinesSinkOptions): AuditEventSink {
  let handle: FileHandle | undefined;
  let size = 0;

  async function openFile(): Promise<FileHandle> {
    if (handle) return handle;
    await mkdir(dirname(options.file), { recursive: true, mode: 0o700 });
    handle = await open(options.file, 'a', 0o600);
    size = (await stat(options.file)).size;
    return handle;
  }

  async function rotate(): Promise<void> {
    await handle?.close();
    handle = undefined;
    await rename(options.file, rotatedName(options.file, options.now()));
  }

  const staged = new Utf8Buffer();

  return {
    name: 'file',
    stage(events: readonly AuditEvent[]) {
      for (const event of events) {
        staged.write(event.recordJson);
        staged.writeNewline();
      }
    },
    async commit(durable: boolean) {
      const bytes = staged.take();
      // Nothing staged: a probe (can the file be opened, and synced?).
      if (bytes.length === 0) {
        const file = await openFile();
        if (durable) await file.datasync();
        return;
      }
      await openFile();
      if (size > 0 && size + bytes.length > options.maxBytes) await rotate();
      const file = await openFile();
      await file.write(bytes);
      size += bytes.length;
      staged.recycle(bytes);
      if (durable) await file.datasync();
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}

/**
 * @module storage/keys/master-key-file
 * The master key at rest: `<data-dir>/master.key`, 64 hex characters, mode 0600, created at first start unless
 * `IAMD_MASTER_KEY` supplies one. It seals long-term secrets and the session-token keyring, so a copied database
 * without it leaks no usable credential (ARCHITECTURE.md §3).
 */

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Reads the master key of `dataDir`, creating it when absent.
 *
 * @example
 * const key = await loadOrCreateMasterKey('./.iamd');
 */
export async function loadOrCreateMasterKey(dataDir: string): Promise<{ key: Buffer; created: boolean }> {
  const file = join(dataDir, 'master.key');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new Error(`${file} does not hold a 64-hex-character key`);
    return { key: Buffer.from(text, 'hex'), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // `wx`: never overwrite a key another process wrote in the meantime.
  await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}

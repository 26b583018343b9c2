/**
 * @module core/keyring/keyring
 * The session-token keyring: sealing keys, each sealed at rest by the master key and identified by a key id that
 * every token carries, so any node can open any token without a lookup (ARCHITECTURE.md §3, "session tokens").
 * Rotation keeps old keys until their last token expires (issue: STS in full); today the newest key seals.
 */

import type { SigningKeyRecord } from '../entities.js';
import type { AccountStore, Clock, Random } from '../ports.js';
import { createSealer, openText, type Sealer, sealText } from './sealer.js';

/** The keys that seal and open session tokens. */
export interface Keyring {
  /** The key new tokens are sealed with. */
  readonly active: { readonly keyId: string; readonly sealer: Sealer };
  /** A key by id, for opening tokens sealed before a rotation. */
  find(keyId: string): Sealer | undefined;
}

const KEY_AAD = 'iamd-keyring-v1';

/**
 * Loads the keyring from the store, creating its first key when there is none.
 *
 * @example
 * const keyring = await loadKeyring(stores.accounts, masterSealer, random, clock);
 */
export async function loadKeyring(store: AccountStore, master: Sealer, random: Random, clock: Clock): Promise<Keyring> {
  let records = await store.listSigningKeys();
  if (records.length === 0) {
    const keyId = random.bytes(4).toString('hex');
    const material = random.bytes(32).toString('hex');
    const record: SigningKeyRecord = {
      keyId,
      materialCiphertext: sealText(master, material, `${KEY_AAD}:${keyId}`),
      createDate: clock.now(),
    };
    await store.saveSigningKey(record);
    records = [record];
  }
  const sealers = new Map<string, Sealer>();
  let newest: SigningKeyRecord | undefined;
  for (const record of records) {
    const material = openText(master, record.materialCiphertext, `${KEY_AAD}:${record.keyId}`);
    if (material === undefined) {
      throw new Error(
        `Keyring key ${record.keyId} does not open with this master key; is IAMD_MASTER_KEY the one the data dir was created with?`,
      );
    }
    sealers.set(record.keyId, createSealer(Buffer.from(material, 'hex'), random));
    if (!newest || record.createDate > newest.createDate) newest = record;
  }
  const active = newest!;
  return {
    active: { keyId: active.keyId, sealer: sealers.get(active.keyId)! },
    find: (keyId) => sealers.get(keyId),
  };
}

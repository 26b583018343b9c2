/**
 * @module core/keyring/keyring
 * The session-token keyring: sealing keys, each sealed at rest by the master key and identified by a key id that
 * every token carries, so any node can open any token without a lookup (ARCHITECTURE.md §3, "session tokens").
 * The newest key seals; older keys only open. `rotate` adds a key and removes the keys no token can still need:
 * a key stops sealing when its successor appears, and no token lives longer than {@link MAX_TOKEN_SECONDS}, so a
 * key whose successor is older than that (plus a margin for nodes that have not reloaded yet) is dropped.
 */

import type { SigningKeyRecord } from '../entities.js';
import type { AccountStore, Clock, Random } from '../ports.js';
import { createSealer, openText, type Sealer, sealText } from './sealer.js';
import { createTokenSealer, type TokenSealer } from './token-sealer.js';

/** One keyring key, with the two ways it seals. */
export interface KeyringKey {
  readonly keyId: string;
  /** AES-256-GCM, one cipher per value: authorization messages, and session tokens of format 1 (opened only). */
  readonly sealer: Sealer;
  /** Session tokens of format 2 (core/keyring/token-sealer). */
  readonly tokens: TokenSealer;
}

/** The keys that seal and open session tokens. */
export interface Keyring {
  /** The key new tokens are sealed with. */
  readonly active: KeyringKey;
  /** A key by id, for opening tokens sealed before a rotation. */
  find(keyId: string): KeyringKey | undefined;
}

/** The longest session STS issues: GetSessionToken and GetFederationToken, 36 hours. */
export const MAX_TOKEN_SECONDS = 129_600;
/** Extra time before a retired key is removed, for nodes that still seal with it until they reload. */
const RETIRE_MARGIN_SECONDS = 3_600;
const KEY_AAD = 'iamd-keyring-v1';

/** What a rotation did. */
export interface RotationResult {
  readonly created: string;
  readonly removed: readonly string[];
}

/** The keyring of one node: loaded from the store, reloadable, rotatable. */
export class KeyringManager implements Keyring {
  readonly #store: AccountStore;
  readonly #master: Sealer;
  readonly #random: Random;
  readonly #clock: Clock;
  #keys = new Map<string, KeyringKey>();
  #active: KeyringKey | undefined;

  constructor(store: AccountStore, master: Sealer, random: Random, clock: Clock) {
    this.#store = store;
    this.#master = master;
    this.#random = random;
    this.#clock = clock;
  }

  get active(): KeyringKey {
    if (!this.#active) throw new Error('The keyring is not loaded');
    return this.#active;
  }

  find(keyId: string): KeyringKey | undefined {
    return this.#keys.get(keyId);
  }

  /** The ids of the keys loaded, the active one included. */
  keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** Reads the keys from the store (creating the first one if there is none). Other nodes' rotations show up here. */
  async reload(): Promise<void> {
    let records = await this.#store.listSigningKeys();
    if (records.length === 0) {
      await this.#create();
      records = await this.#store.listSigningKeys();
    }
    const keys = new Map<string, KeyringKey>();
    let newest: SigningKeyRecord | undefined;
    for (const record of records) {
      const material = openText(this.#master, record.materialCiphertext, `${KEY_AAD}:${record.keyId}`);
      if (material === undefined) {
        throw new Error(
          `Keyring key ${record.keyId} does not open with this master key; is IAMD_MASTER_KEY the one the data dir was created with?`,
        );
      }
      // A key already loaded is kept as it is: its token stream goes on where it was.
      keys.set(record.keyId, this.#keys.get(record.keyId) ?? this.#load(record.keyId, Buffer.from(material, 'hex')));
      if (!newest || record.createDate > newest.createDate) newest = record;
    }
    this.#keys = keys;
    this.#active = keys.get(newest!.keyId)!;
  }

  /**
   * Adds a new sealing key and removes the keys retired long enough ago that no token sealed with them is still
   * valid.
   *
   * @example
   * const { created, removed } = await keyring.rotate();
   */
  async rotate(): Promise<RotationResult> {
    const created = await this.#create();
    const records = [...(await this.#store.listSigningKeys())].sort(
      (a, b) => a.createDate.getTime() - b.createDate.getTime(),
    );
    const removed: string[] = [];
    const limit = this.#clock.now().getTime() - (MAX_TOKEN_SECONDS + RETIRE_MARGIN_SECONDS) * 1000;
    for (let i = 0; i < records.length - 1; i += 1) {
      const successor = records[i + 1]!;
      if (successor.createDate.getTime() <= limit && (await this.#store.deleteSigningKey(records[i]!.keyId))) {
        removed.push(records[i]!.keyId);
      }
    }
    await this.reload();
    return { created, removed };
  }

  #load(keyId: string, material: Buffer): KeyringKey {
    return { keyId, sealer: createSealer(material, this.#random), tokens: createTokenSealer(material, this.#random) };
  }

  async #create(): Promise<string> {
    const keyId = this.#random.bytes(4).toString('hex');
    const material = this.#random.bytes(32).toString('hex');
    await this.#store.saveSigningKey({
      keyId,
      materialCiphertext: sealText(this.#master, material, `${KEY_AAD}:${keyId}`),
      createDate: this.#clock.now(),
    });
    return keyId;
  }
}

/**
 * Loads the keyring from the store, creating its first key when there is none.
 *
 * @example
 * const keyring = await loadKeyring(stores.accounts, masterSealer, random, clock);
 */
export async function loadKeyring(
  store: AccountStore,
  master: Sealer,
  random: Random,
  clock: Clock,
): Promise<KeyringManager> {
  const keyring = new KeyringManager(store, master, random, clock);
  await keyring.reload();
  return keyring;
}

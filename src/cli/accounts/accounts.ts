/**
 * @module cli/accounts/accounts
 * `iamd accounts create` and `iamd accounts list`: more than one account on one iamd, each with its root access
 * key, as AWS Organizations would give a company (accounts trust each other only through their policies). The
 * root secret of a new account is printed once, as a shared-credentials profile.
 */

import { bootstrapAccount } from '../../core/accounts/index.js';
import type { Random } from '../../core/ports.js';
import type { OpenData } from './open-data.js';

/** What `accounts create` made. */
export interface CreatedAccount {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A random 12-digit account id that does not start with 0 (the default account is 000000000000). */
function randomAccountId(random: Random): string {
  const digits = [...random.bytes(12)].map((byte) => String(byte % 10));
  if (digits[0] === '0') digits[0] = '1';
  return digits.join('');
}

/**
 * Creates an account (a random id when none is given) with its root key. Fails if the account exists: its root
 * secret was shown when it was created and cannot be shown again.
 *
 * @example
 * const created = await createAccount(data, '111122223333');
 */
export async function createAccount(data: OpenData, accountId?: string): Promise<CreatedAccount> {
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    throw new Error(`An account id is 12 digits: ${accountId}`);
  }
  const { accounts } = data.stores;
  let id = accountId ?? randomAccountId(data.random);
  while (accountId === undefined && (await accounts.getAccount(id))) id = randomAccountId(data.random);
  const result = await bootstrapAccount({ accounts, clock: data.clock, random: data.random, master: data.master }, id);
  if (!result.created || result.accessKeyId === undefined || result.secretAccessKey === undefined) {
    throw new Error(`Account ${id} already exists (its root secret was shown when it was created)`);
  }
  return { accountId: id, accessKeyId: result.accessKeyId, secretAccessKey: result.secretAccessKey };
}

/** The accounts of this iamd, with their creation dates. */
export async function listAccounts(data: OpenData): Promise<readonly { accountId: string; createDate: Date }[]> {
  return data.stores.accounts.listAccounts();
}

/** A shared-credentials profile for the new account's root user. */
export function credentialsProfile(created: CreatedAccount): string {
  return [
    `[account-${created.accountId}]`,
    `aws_access_key_id = ${created.accessKeyId}`,
    `aws_secret_access_key = ${created.secretAccessKey}`,
    '',
  ].join('\n');
}

/**
 * @module core/accounts/bootstrap
 * First start: creates the default account and its root access key. The secret is returned only by the call that
 * created it, so it can be shown once and written to the credentials file; later starts never see it again.
 */

import { issueAccessKey } from '../iam/access-keys.js';
import type { Sealer } from '../keyring/sealer.js';
import type { AccountStore, Clock, Random } from '../ports.js';

/** What bootstrap found or created. `secretAccessKey` is present only on the start that created the key. */
export interface BootstrapResult {
  readonly accountId: string;
  readonly created: boolean;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
}

/**
 * Makes sure `accountId` exists, with a root access key.
 *
 * @example
 * const first = await bootstrapAccount({ accounts, clock, random, master }, '000000000000');
 * first.secretAccessKey; // defined only the first time
 */
export async function bootstrapAccount(
  deps: { accounts: AccountStore; clock: Clock; random: Random; master: Sealer },
  accountId: string,
): Promise<BootstrapResult> {
  const existing = await deps.accounts.getAccount(accountId);
  if (existing) {
    const keys = await deps.accounts.listAccessKeys(accountId, undefined);
    return { accountId, created: false, accessKeyId: keys[0]?.accessKeyId };
  }
  await deps.accounts.createAccount({ accountId, createDate: deps.clock.now() });
  const key = issueAccessKey(accountId, undefined, deps, deps.master);
  await deps.accounts.createAccessKey(key.record);
  return { accountId, created: true, accessKeyId: key.record.accessKeyId, secretAccessKey: key.secretAccessKey };
}

/**
 * @module storage/sql/iam-write
 * Every IAM write runs in one transaction with the bump of the change counter, so a cache that reads the counter
 * can never see the new counter without the new data (or the reverse).
 */

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Runs `work` in a transaction and bumps the counter in it when `work` reports a change; returns that report. */
export async function writeIam(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<boolean>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changed = await work(trx);
    if (changed) {
      await trx
        .updateTable('iam_change_counter')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('id', '=', 1)
        .execute();
    }
    return changed;
  });
}

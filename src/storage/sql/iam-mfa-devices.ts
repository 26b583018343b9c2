/**
 * @module storage/sql/iam-mfa-devices
 * Virtual MFA devices of the SQL {@link IamStore}.
 */

import type { Kysely, Selectable } from 'kysely';
import type { MfaDeviceRecord, Tag } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, fromJson, optional, toIso, toJson, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamMfaDevicesTable } from './schema.js';

type MfaMethods = Pick<
  IamStore,
  'createMfaDevice' | 'getMfaDevice' | 'listMfaDevices' | 'updateMfaDevice' | 'deleteMfaDevice'
>;

function deviceFromRow(row: Selectable<IamMfaDevicesTable>): MfaDeviceRecord {
  return {
    accountId: row.account_id,
    serialNumber: row.serial_number,
    name: row.name,
    path: row.path,
    seedCiphertext: row.seed_ciphertext,
    createDate: fromIso(row.create_date),
    tags: fromJson<Tag[]>(row.tags),
    ...optional('userName', row.user_name),
    ...optional('enableDate', row.enable_date === null ? null : fromIso(row.enable_date)),
  };
}

/** The columns `updateMfaDevice` may change. */
function assignment(device: MfaDeviceRecord) {
  return {
    tags: toJson(device.tags),
    user_name: device.userName ?? null,
    user_name_lc: device.userName === undefined ? null : foldName(device.userName),
    enable_date: device.enableDate === undefined ? null : toIso(device.enableDate),
  };
}

/** The MFA device methods over `db`. */
export function sqlMfaDevices(db: Kysely<Database>): MfaMethods {
  return {
    createMfaDevice: (device) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_mfa_devices')
          .values({
            serial_number: device.serialNumber,
            account_id: device.accountId,
            name: device.name,
            name_lc: foldName(device.name),
            path: device.path,
            seed_ciphertext: device.seedCiphertext,
            create_date: toIso(device.createDate),
            ...assignment(device),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    async getMfaDevice(accountId, serialNumber) {
      const row = await db
        .selectFrom('iam_mfa_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('serial_number', '=', serialNumber)
        .executeTakeFirst();
      return row && deviceFromRow(row);
    },
    async listMfaDevices(accountId) {
      const rows = await db
        .selectFrom('iam_mfa_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name_lc')
        .execute();
      return rows.map(deviceFromRow);
    },
    updateMfaDevice: (device) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .updateTable('iam_mfa_devices')
          .set(assignment(device))
          .where('account_id', '=', device.accountId)
          .where('serial_number', '=', device.serialNumber)
          .executeTakeFirst();
        return touched(result.numUpdatedRows);
      }),
    deleteMfaDevice: (accountId, serialNumber) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_mfa_devices')
          .where('account_id', '=', accountId)
          .where('serial_number', '=', serialNumber)
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
  };
}

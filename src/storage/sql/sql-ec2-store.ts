/**
 * @module storage/sql/sql-ec2-store
 * The {@link Ec2Store} over SQL. EC2 records are read and written whole, so each is one JSON document in a row keyed
 * by its id, with the account (and, for instances, the state) as columns to filter on.
 */

import type { Kysely } from 'kysely';
import type { InstanceRecord, SecurityGroupRecord } from '../../core/entities.js';
import type { Ec2Store } from '../../core/ports.js';
import { fromJson, toJson, touched } from './codec.js';
import type { Database } from './schema.js';

/** Dates inside the JSON documents are ISO text; these revive them. */
function instanceFromJson(text: string): InstanceRecord {
  const raw = fromJson<InstanceRecord & { launchTime: string; profile?: { timestamp: string } }>(text);
  return {
    ...raw,
    launchTime: new Date(raw.launchTime),
    ...(raw.profile ? { profile: { ...raw.profile, timestamp: new Date(raw.profile.timestamp) } } : {}),
  };
}

/**
 * Creates an {@link Ec2Store} over a migrated database.
 *
 * @example
 * const ec2 = createSqlEc2Store(db);
 * await ec2.listInstances('000000000000');
 */
export function createSqlEc2Store(db: Kysely<Database>): Ec2Store {
  return {
    async saveInstance(instance) {
      const row = {
        instance_id: instance.instanceId,
        account_id: instance.accountId,
        state: instance.state,
        data: toJson(instance),
      };
      await db
        .insertInto('ec2_instances')
        .values(row)
        .onConflict((oc) => oc.column('instance_id').doUpdateSet({ state: row.state, data: row.data }))
        .execute();
    },
    async getInstance(accountId, instanceId) {
      const row = await db
        .selectFrom('ec2_instances')
        .select('data')
        .where('instance_id', '=', instanceId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row && instanceFromJson(row.data);
    },
    async listInstances(accountId) {
      let query = db.selectFrom('ec2_instances').select('data').orderBy('instance_id');
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      return (await query.execute()).map((row) => instanceFromJson(row.data));
    },
    async saveSecurityGroup(group) {
      const row = { group_id: group.groupId, account_id: group.accountId, data: toJson(group) };
      await db
        .insertInto('ec2_security_groups')
        .values(row)
        .onConflict((oc) => oc.column('group_id').doUpdateSet({ data: row.data }))
        .execute();
    },
    async getSecurityGroup(accountId, groupId) {
      const row = await db
        .selectFrom('ec2_security_groups')
        .select('data')
        .where('group_id', '=', groupId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row && fromJson<SecurityGroupRecord>(row.data);
    },
    async listSecurityGroups(accountId) {
      const rows = await db
        .selectFrom('ec2_security_groups')
        .select('data')
        .where('account_id', '=', accountId)
        .orderBy('group_id')
        .execute();
      return rows.map((row) => fromJson<SecurityGroupRecord>(row.data));
    },
    async deleteSecurityGroup(accountId, groupId) {
      const result = await db
        .deleteFrom('ec2_security_groups')
        .where('group_id', '=', groupId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return touched(result.numDeletedRows);
    },
  };
}

/**
 * @module storage/sql/migrations/0004-ec2
 * EC2 instances and security groups: one JSON document per record, keyed by its id.
 */

import type { SqlMigration } from './migration.js';

export const ec2Migration: SqlMigration = {
  id: '0004-ec2',
  async up(db) {
    await db.schema
      .createTable('ec2_instances')
      .addColumn('instance_id', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('ec2_instances_account').on('ec2_instances').column('account_id').execute();
    await db.schema
      .createTable('ec2_security_groups')
      .addColumn('group_id', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('ec2_security_groups_account').on('ec2_security_groups').column('account_id').execute();
  },
};

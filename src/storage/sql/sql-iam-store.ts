/**
 * @module storage/sql/sql-iam-store
 * The {@link IamStore} over any Kysely dialect the schema supports (SQLite, PostgreSQL).
 */

import type { Kysely } from 'kysely';
import type { IamStore } from '../../core/ports.js';
import { toCount } from './codec.js';
import { sqlAttachments } from './iam-attachments.js';
import { sqlGroups } from './iam-groups.js';
import { sqlInlinePolicies } from './iam-inline-policies.js';
import { sqlInstanceProfiles } from './iam-instance-profiles.js';
import { sqlMfaDevices } from './iam-mfa-devices.js';
import { sqlProviders } from './iam-providers.js';
import { sqlPolicies } from './iam-policies.js';
import { sqlPolicyVersions } from './iam-policy-versions.js';
import { sqlRoles } from './iam-roles.js';
import { sqlUserCredentials } from './iam-user-credentials.js';
import { sqlUsers } from './iam-users.js';
import type { Database } from './schema.js';

/**
 * Creates an {@link IamStore} over a migrated database.
 *
 * @example
 * const iam = createSqlIamStore(db);
 * await iam.changeCounter(); // 0 on a new database
 */
export function createSqlIamStore(db: Kysely<Database>): IamStore {
  return {
    async changeCounter() {
      const row = await db.selectFrom('iam_change_counter').select('value').where('id', '=', 1).executeTakeFirst();
      return toCount(row?.value);
    },
    ...sqlUsers(db),
    ...sqlGroups(db),
    ...sqlRoles(db),
    ...sqlPolicies(db),
    ...sqlPolicyVersions(db),
    ...sqlAttachments(db),
    ...sqlInlinePolicies(db),
    ...sqlInstanceProfiles(db),
    ...sqlMfaDevices(db),
    ...sqlUserCredentials(db),
    ...sqlProviders(db),
  };
}

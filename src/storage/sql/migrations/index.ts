/**
 * @module storage/sql/migrations
 * Every shipped migration, in the order they run. Append only.
 */

import { initialMigration } from './0001-initial.js';
import { bucketPolicyMigration } from './0002-bucket-policy.js';
import { groupsAndKeyUseMigration } from './0003-groups-and-key-use.js';
import { ec2Migration } from './0004-ec2.js';
import { iamChangeNotifyMigration } from './0005-iam-change-notify.js';
import { accountAliasMigration } from './0006-account-alias.js';
import { mfaDevicesMigration } from './0007-mfa-devices.js';
import { identityProvidersMigration } from './0008-identity-providers.js';
import { roleLastUsedMigration } from './0009-role-last-used.js';
import { userCredentialsMigration } from './0010-user-credentials.js';
import { s3ObjectsAndUploadsMigration } from './0011-s3-objects-and-uploads.js';
import { auditEventsMigration } from './0012-audit-events.js';
import { s3ObjectVersionsMigration } from './0013-s3-object-versions.js';
import { s3AccountSettingsMigration } from './0014-s3-account-settings.js';
import { auditEventsTimeIndexMigration } from './0015-audit-events-time-index.js';
import { auditBatchesMigration } from './0016-audit-batches.js';
import type { SqlMigration } from './migration.js';

export { IAM_CHANGES_CHANNEL } from './0005-iam-change-notify.js';
export type { SqlDialectName, SqlMigration } from './migration.js';

/** The ordered list of migrations (a static provider: nothing is discovered on disk at run time). */
export const sqlMigrations: readonly SqlMigration[] = [
  initialMigration,
  bucketPolicyMigration,
  groupsAndKeyUseMigration,
  ec2Migration,
  iamChangeNotifyMigration,
  accountAliasMigration,
  mfaDevicesMigration,
  identityProvidersMigration,
  roleLastUsedMigration,
  userCredentialsMigration,
  s3ObjectsAndUploadsMigration,
  auditEventsMigration,
  s3ObjectVersionsMigration,
  s3AccountSettingsMigration,
  auditEventsTimeIndexMigration,
  auditBatchesMigration,
];

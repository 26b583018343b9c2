/**
 * @module storage/sql/schema
 * The row types of the SQL schema (as created by ./migrations). Conventions, shared by SQLite and PostgreSQL:
 * - dates are ISO-8601 text (`Date#toISOString`), which sorts chronologically as text;
 * - tags, metadata, checksums and the public-access block are JSON text;
 * - every IAM name has a `*_lc` twin holding `foldName` (../ordering.ts), which carries the per-account UNIQUE index,
 *   and lists are ordered by it;
 * - optional values are `NULL`.
 */

import type { Generated } from 'kysely';

export interface SchemaMigrationsTable {
  id: string;
  applied_at: Generated<string>;
}

/** A single row (`id = 1`) holding the IAM change counter. */
export interface IamChangeCounterTable {
  id: number;
  value: number;
}

export interface AccountsTable {
  account_id: string;
  create_date: string;
  alias: string | null;
}

export interface AccessKeysTable {
  access_key_id: string;
  account_id: string;
  user_name: string | null;
  user_name_lc: string | null;
  secret_ciphertext: string;
  status: string;
  create_date: string;
  last_used_date: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface SigningKeysTable {
  key_id: string;
  material_ciphertext: string;
  create_date: string;
}

export interface IamUsersTable {
  account_id: string;
  user_name: string;
  user_name_lc: string;
  user_id: string;
  path: string;
  arn: string;
  create_date: string;
  tags: string;
  permissions_boundary_arn: string | null;
}

export interface IamGroupsTable {
  account_id: string;
  group_name: string;
  group_name_lc: string;
  group_id: string;
  path: string;
  arn: string;
  create_date: string;
}

/** One member of a group, by folded names. */
export interface IamGroupMembersTable {
  account_id: string;
  group_name_lc: string;
  user_name_lc: string;
}

export interface IamRolesTable {
  account_id: string;
  role_name: string;
  role_name_lc: string;
  role_id: string;
  path: string;
  arn: string;
  create_date: string;
  assume_role_policy_document: string;
  description: string | null;
  max_session_duration: number;
  tags: string;
  permissions_boundary_arn: string | null;
  last_used_date: string | null;
  last_used_region: string | null;
}

export interface IamPoliciesTable {
  arn: string;
  account_id: string;
  policy_name: string;
  policy_name_lc: string;
  policy_id: string;
  path: string;
  default_version_id: string;
  description: string | null;
  create_date: string;
  update_date: string;
  tags: string;
}

export interface IamPolicyVersionsTable {
  policy_arn: string;
  version_id: string;
  document: string;
  create_date: string;
}

export interface IamPolicyAttachmentsTable {
  account_id: string;
  owner_kind: string;
  owner_name_lc: string;
  policy_arn: string;
}

export interface IamInlinePoliciesTable {
  account_id: string;
  owner_kind: string;
  owner_name: string;
  owner_name_lc: string;
  policy_name: string;
  policy_name_lc: string;
  document: string;
}

export interface IamInstanceProfilesTable {
  account_id: string;
  profile_name: string;
  profile_name_lc: string;
  profile_id: string;
  path: string;
  arn: string;
  create_date: string;
  tags: string;
}

/** One role of an instance profile; `position` keeps the order the roles were set in. */
export interface IamInstanceProfileRolesTable {
  account_id: string;
  profile_name_lc: string;
  position: number;
  role_name: string;
  role_name_lc: string;
}

export interface S3BucketsTable {
  name: string;
  account_id: string;
  region: string;
  create_date: string;
  public_access_block: string | null;
  policy: string | null;
  tags: string | null;
  versioning: string | null;
  encryption: string | null;
}

export interface S3ObjectsTable {
  bucket: string;
  object_key: string;
  blob_id: string;
  size: number;
  etag: string;
  last_modified: string;
  content_type: string | null;
  metadata: string;
  checksums: string;
  headers: string | null;
  tags: string | null;
  parts_count: number | null;
  /** NULL for an object written before its bucket was versioned (0013). */
  version_id: string | null;
  /** 1 for a delete marker, else NULL. */
  delete_marker: number | null;
  /** JSON array of the part sizes of a multipart object. */
  part_sizes: string | null;
}

/** A noncurrent object version (0013): an object row with a non-null version id and its place in the key's history. */
export interface S3ObjectVersionsTable extends Omit<S3ObjectsTable, 'version_id'> {
  version_id: string;
  /** Higher is newer, per key. */
  seq: number;
}

/** S3 Control's settings of one account; the Block Public Access configuration is JSON text. */
export interface S3AccountSettingsTable {
  account_id: string;
  public_access_block: string | null;
}

/** An in-progress multipart upload; `data` is the rest of its record as JSON. */
export interface S3UploadsTable {
  upload_id: string;
  bucket: string;
  object_key: string;
  initiated: string;
  data: string;
}

export interface S3UploadPartsTable {
  upload_id: string;
  part_number: number;
  blob_id: string;
  size: number;
  etag: string;
  last_modified: string;
  checksums: string;
}

/** An EC2 instance as JSON (`InstanceRecord`), with its account and state as columns. */
export interface Ec2InstancesTable {
  instance_id: string;
  account_id: string;
  state: string;
  data: string;
}

/** A security group as JSON (`SecurityGroupRecord`). */
export interface Ec2SecurityGroupsTable {
  group_id: string;
  account_id: string;
  data: string;
}

/** A virtual MFA device; the user columns are set while it is enabled. */
export interface IamMfaDevicesTable {
  serial_number: string;
  account_id: string;
  name: string;
  name_lc: string;
  path: string;
  seed_ciphertext: string;
  create_date: string;
  tags: string;
  user_name: string | null;
  user_name_lc: string | null;
  enable_date: string | null;
}

/** An identity provider; `data` is the record's JSON (dates as ISO text). */
export interface IamIdentityProvidersTable {
  arn: string;
  account_id: string;
  kind: string;
  create_date: string;
  data: string;
}

/** A login profile, signing certificate, SSH public key or service-specific credential; `data` holds its kind's fields. */
export interface IamUserCredentialsTable {
  id: string;
  account_id: string;
  kind: string;
  user_name: string;
  user_name_lc: string;
  status: string;
  create_date: string;
  data: string;
}

/** An account password policy, as JSON. */
export interface IamPasswordPoliciesTable {
  account_id: string;
  data: string;
}

/**
 * A batch of CloudTrail records (migration 0016; the layout is in ./audit-batch.ts): one line per record, its lookup
 * fields then its JSON.
 */
export interface AuditBatchesTable {
  /** The id of the batch's first record. */
  batch_id: string;
  /** The line format (`AUDIT_BATCH_FORMAT`). */
  format: number;
  /** The earliest and latest event time in the batch (ISO-8601 with milliseconds). */
  first_time: string;
  last_time: string;
  event_count: number;
  events: string;
}

/** One distinct (account, lookup attribute, value) of a batch, with the first and last time it occurs there. */
export interface AuditBatchKeysTable {
  account_id: string;
  /** `AuditKeyKind`: '' for every record of the account, else what `value` is. */
  kind: string;
  value: string;
  first_time: string;
  last_time: string;
  batch_id: string;
}

/** The whole schema, as Kysely sees it. */
export interface Database {
  schema_migrations: SchemaMigrationsTable;
  iam_change_counter: IamChangeCounterTable;
  accounts: AccountsTable;
  access_keys: AccessKeysTable;
  signing_keys: SigningKeysTable;
  iam_users: IamUsersTable;
  iam_groups: IamGroupsTable;
  iam_group_members: IamGroupMembersTable;
  iam_roles: IamRolesTable;
  iam_policies: IamPoliciesTable;
  iam_policy_versions: IamPolicyVersionsTable;
  iam_policy_attachments: IamPolicyAttachmentsTable;
  iam_inline_policies: IamInlinePoliciesTable;
  iam_instance_profiles: IamInstanceProfilesTable;
  iam_instance_profile_roles: IamInstanceProfileRolesTable;
  iam_mfa_devices: IamMfaDevicesTable;
  iam_user_credentials: IamUserCredentialsTable;
  iam_password_policies: IamPasswordPoliciesTable;
  iam_identity_providers: IamIdentityProvidersTable;
  s3_buckets: S3BucketsTable;
  s3_objects: S3ObjectsTable;
  s3_object_versions: S3ObjectVersionsTable;
  s3_uploads: S3UploadsTable;
  s3_upload_parts: S3UploadPartsTable;
  s3_account_settings: S3AccountSettingsTable;
  ec2_instances: Ec2InstancesTable;
  ec2_security_groups: Ec2SecurityGroupsTable;
  audit_batches: AuditBatchesTable;
  audit_batch_keys: AuditBatchKeysTable;
}

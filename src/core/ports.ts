/**
 * @module core/ports
 * What the domain needs from the outside world, as narrow intent-level interfaces.
 * `storage/` implements the stores (memory is the reference adapter; SQLite and PostgreSQL share the SQL one);
 * `app.ts` wires them. Nothing here knows about SQL, files or HTTP.
 *
 * Conventions every adapter follows (checked by `test/storage-contract/`):
 * - IAM names (users, roles, policies, instance profiles) are unique per account **case-insensitively**, and lookups
 *   by name are case-insensitive too, as in IAM; the stored case is returned.
 * - `create*` returns `false` instead of writing when the name is taken; `delete*`/`detach*` return whether
 *   something was removed. The domain turns those into AWS errors.
 * - Lists come back sorted by name (IAM lists are alphabetical), objects by key in UTF-8 byte order (S3).
 * - Every successful write bumps {@link IamStore.changeCounter}, which the authorization caches key on.
 */

import type { Readable } from 'node:stream';
import type {
  AccessKeyRecord,
  Account,
  BucketRecord,
  InlinePolicyRecord,
  InstanceProfileRecord,
  ManagedPolicyRecord,
  ObjectRecord,
  PolicyVersionRecord,
  PrincipalRef,
  PublicAccessBlock,
  RoleRecord,
  SigningKeyRecord,
  UserRecord,
} from './entities.js';

/** The current time. Injected everywhere so tests control it. */
export interface Clock {
  now(): Date;
}

/** Randomness. Injected so tests can be deterministic where they need to be. */
export interface Random {
  bytes(length: number): Buffer;
  uuid(): string;
}

/** Accounts, access keys and the session-token keyring. */
export interface AccountStore {
  getAccount(accountId: string): Promise<Account | undefined>;
  createAccount(account: Account): Promise<boolean>;
  findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  createAccessKey(key: AccessKeyRecord): Promise<void>;
  listAccessKeys(accountId: string, userName: string | undefined): Promise<readonly AccessKeyRecord[]>;
  listSigningKeys(): Promise<readonly SigningKeyRecord[]>;
  saveSigningKey(key: SigningKeyRecord): Promise<void>;
}

/** Users, roles, managed and inline policies, attachments and instance profiles. */
export interface IamStore {
  /** A number that grows with every IAM write; caches compare it to know they are stale. */
  changeCounter(): Promise<number>;

  createUser(user: UserRecord): Promise<boolean>;
  getUser(accountId: string, userName: string): Promise<UserRecord | undefined>;

  createRole(role: RoleRecord): Promise<boolean>;
  getRole(accountId: string, roleName: string): Promise<RoleRecord | undefined>;
  listRoles(accountId: string, pathPrefix: string): Promise<readonly RoleRecord[]>;
  updateRole(role: RoleRecord): Promise<void>;
  /** Deletes the role row only; the domain checks for attachments and profiles first. */
  deleteRole(accountId: string, roleName: string): Promise<boolean>;

  /** Creates the policy with `version` as its default version. */
  createPolicy(policy: ManagedPolicyRecord, version: PolicyVersionRecord): Promise<boolean>;
  getPolicy(policyArn: string): Promise<ManagedPolicyRecord | undefined>;
  getPolicyVersion(policyArn: string, versionId: string): Promise<PolicyVersionRecord | undefined>;
  listPolicyVersions(policyArn: string): Promise<readonly PolicyVersionRecord[]>;
  /** Deletes the policy and all its versions. */
  deletePolicy(policyArn: string): Promise<boolean>;

  /** Attaches a managed policy; returns `false` if it was already attached (AWS treats that as success). */
  attachPolicy(owner: PrincipalRef, policyArn: string): Promise<boolean>;
  detachPolicy(owner: PrincipalRef, policyArn: string): Promise<boolean>;
  listAttachedPolicies(owner: PrincipalRef): Promise<readonly string[]>;
  countPolicyAttachments(policyArn: string): Promise<number>;

  putInlinePolicy(policy: InlinePolicyRecord): Promise<void>;
  getInlinePolicy(owner: PrincipalRef, policyName: string): Promise<InlinePolicyRecord | undefined>;
  listInlinePolicies(owner: PrincipalRef): Promise<readonly InlinePolicyRecord[]>;
  deleteInlinePolicy(owner: PrincipalRef, policyName: string): Promise<boolean>;

  createInstanceProfile(profile: InstanceProfileRecord): Promise<boolean>;
  getInstanceProfile(accountId: string, name: string): Promise<InstanceProfileRecord | undefined>;
  /** Replaces the profile's role list (the domain enforces AWS's limit of one role). */
  setInstanceProfileRoles(accountId: string, name: string, roleNames: readonly string[]): Promise<void>;
  listInstanceProfilesForRole(accountId: string, roleName: string): Promise<readonly InstanceProfileRecord[]>;
}

/** Options of an S3 listing, already validated. */
export interface ListObjectsQuery {
  readonly prefix: string;
  /** List keys strictly after this one (StartAfter or a decoded continuation token). */
  readonly startAfter: string;
  readonly maxKeys: number;
}

/** One page of an S3 listing. */
export interface ObjectPage {
  readonly objects: readonly ObjectRecord[];
  readonly isTruncated: boolean;
}

/** Buckets and object metadata. */
export interface S3Store {
  createBucket(bucket: BucketRecord): Promise<boolean>;
  getBucket(name: string): Promise<BucketRecord | undefined>;
  listBuckets(accountId: string): Promise<readonly BucketRecord[]>;
  deleteBucket(name: string): Promise<boolean>;
  setPublicAccessBlock(name: string, config: PublicAccessBlock | undefined): Promise<void>;
  /** Sets or (with `undefined`) removes the bucket policy. */
  setBucketPolicy(name: string, policy: string | undefined): Promise<void>;

  /** Inserts or replaces the object; returns the record it replaced, whose blob the caller then deletes. */
  putObject(object: ObjectRecord): Promise<ObjectRecord | undefined>;
  getObject(bucket: string, key: string): Promise<ObjectRecord | undefined>;
  /** Removes the object; returns the removed record so its blob can be deleted. */
  deleteObject(bucket: string, key: string): Promise<ObjectRecord | undefined>;
  listObjects(bucket: string, query: ListObjectsQuery): Promise<ObjectPage>;
  countObjects(bucket: string): Promise<number>;
}

/** What a blob write measured while streaming the bytes to disk. */
export interface BlobWrite {
  readonly blobId: string;
  readonly size: number;
  /** Hex digests of the bytes written. */
  readonly md5: string;
  readonly sha256: string;
}

/**
 * Object bodies. Writes stream to a temporary file and become visible only by an atomic rename in
 * {@link BlobStore.commit}; an aborted or rejected upload is discarded and leaves nothing behind.
 */
export interface BlobStore {
  /** Streams `body` to a new, not yet visible blob. */
  write(body: Readable): Promise<BlobWrite>;
  /** Makes a written blob durable and readable. */
  commit(blobId: string): Promise<void>;
  /** Throws away a written but uncommitted blob, or deletes a committed one. Idempotent. */
  discard(blobId: string): Promise<void>;
  /** Streams a committed blob, optionally a byte range (inclusive `end`). */
  read(blobId: string, range?: { start: number; end: number }): Readable;
}

/** All storage, as `app.ts` hands it to the domain. */
export interface Stores {
  readonly accounts: AccountStore;
  readonly iam: IamStore;
  readonly s3: S3Store;
  readonly blobs: BlobStore;
  close(): Promise<void>;
}

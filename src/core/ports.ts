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

import type { Readable, Writable } from 'node:stream';
import type { JWTVerifyGetKey } from 'jose';
import type {
  AccessKeyLastUse,
  AccessKeyRecord,
  Account,
  GroupRecord,
  IdentityProviderRecord,
  InlinePolicyRecord,
  InstanceProfileRecord,
  InstanceRecord,
  ManagedPolicyRecord,
  MfaDeviceRecord,
  PasswordPolicyRecord,
  PolicyVersionRecord,
  PrincipalRef,
  RoleRecord,
  SecurityGroupRecord,
  SigningKeyRecord,
  Tag,
  UserCredentialKind,
  UserCredentialRecord,
  UserRecord,
} from './entities.js';
import type { AuditStore } from './audit-ports.js';
import type { S3Store } from './s3-ports.js';

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
  /** Every account, by id. */
  listAccounts(): Promise<readonly Account[]>;
  /** Sets (or with `undefined` removes) the account's alias; `false` when another account has that alias. */
  setAccountAlias(accountId: string, alias: string | undefined): Promise<boolean>;
  findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  createAccessKey(key: AccessKeyRecord): Promise<void>;
  listAccessKeys(accountId: string, userName: string | undefined): Promise<readonly AccessKeyRecord[]>;
  /** Sets a key's status; `false` when there is no such key. */
  updateAccessKeyStatus(accessKeyId: string, status: AccessKeyRecord['status']): Promise<boolean>;
  deleteAccessKey(accessKeyId: string): Promise<boolean>;
  /** Records the latest use of a key (for GetAccessKeyLastUsed); a missing key is ignored. */
  recordAccessKeyUse(accessKeyId: string, use: AccessKeyLastUse): Promise<void>;
  /** Moves a user's keys to its new name after UpdateUser renamed it. */
  renameAccessKeyOwner(accountId: string, formerUserName: string, userName: string): Promise<void>;
  listSigningKeys(): Promise<readonly SigningKeyRecord[]>;
  saveSigningKey(key: SigningKeyRecord): Promise<void>;
  /** Removes a keyring key; returns whether it existed. */
  deleteSigningKey(keyId: string): Promise<boolean>;
}

/** Users, groups, roles, managed and inline policies, attachments and instance profiles. */
export interface IamStore {
  /** A number that grows with every IAM write; caches compare it to know they are stale. */
  changeCounter(): Promise<number>;

  createUser(user: UserRecord): Promise<boolean>;
  getUser(accountId: string, userName: string): Promise<UserRecord | undefined>;
  listUsers(accountId: string, pathPrefix: string): Promise<readonly UserRecord[]>;
  /**
   * Replaces a user. With `formerName` (a rename), everything that names the user moves with it: attachments,
   * inline policies, group memberships, MFA devices, user credentials. Returns `false` when the user is missing or
   * the new name is taken.
   */
  updateUser(user: UserRecord, formerName?: string): Promise<boolean>;
  /** Deletes the user row and its group memberships; the domain checks for keys and policies first. */
  deleteUser(accountId: string, userName: string): Promise<boolean>;

  createGroup(group: GroupRecord): Promise<boolean>;
  getGroup(accountId: string, groupName: string): Promise<GroupRecord | undefined>;
  listGroups(accountId: string, pathPrefix: string): Promise<readonly GroupRecord[]>;
  /** Like {@link IamStore.updateUser}: a rename moves the group's attachments, inline policies and members. */
  updateGroup(group: GroupRecord, formerName?: string): Promise<boolean>;
  /** Deletes the group row only; the domain checks for members and policies first. */
  deleteGroup(accountId: string, groupName: string): Promise<boolean>;
  /** Adds a member; `false` when it already was one (AWS treats that as success). */
  addUserToGroup(accountId: string, groupName: string, userName: string): Promise<boolean>;
  removeUserFromGroup(accountId: string, groupName: string, userName: string): Promise<boolean>;
  /** The groups a user belongs to, sorted by name: their policies are part of the user's identity policies. */
  listGroupsForUser(accountId: string, userName: string): Promise<readonly GroupRecord[]>;
  listGroupMembers(accountId: string, groupName: string): Promise<readonly UserRecord[]>;

  createRole(role: RoleRecord): Promise<boolean>;
  getRole(accountId: string, roleName: string): Promise<RoleRecord | undefined>;
  listRoles(accountId: string, pathPrefix: string): Promise<readonly RoleRecord[]>;
  updateRole(role: RoleRecord): Promise<void>;
  /**
   * Records that a session of the role made a request (`RoleLastUsed`). Not an IAM change: the change counter does
   * not move. A missing role is ignored.
   */
  recordRoleUse(
    accountId: string,
    roleName: string,
    use: { readonly date: Date; readonly region: string },
  ): Promise<void>;
  /** Deletes the role row only; the domain checks for attachments and profiles first. */
  deleteRole(accountId: string, roleName: string): Promise<boolean>;

  /** Creates the policy with `version` as its default version. */
  createPolicy(policy: ManagedPolicyRecord, version: PolicyVersionRecord): Promise<boolean>;
  getPolicy(policyArn: string): Promise<ManagedPolicyRecord | undefined>;
  getPolicyVersion(policyArn: string, versionId: string): Promise<PolicyVersionRecord | undefined>;
  /** Versions oldest first. */
  listPolicyVersions(policyArn: string): Promise<readonly PolicyVersionRecord[]>;
  /** Customer managed policies of an account, sorted by name. */
  listPolicies(accountId: string): Promise<readonly ManagedPolicyRecord[]>;
  /** Replaces a policy's metadata (default version, description, tags, update date); `false` when missing. */
  updatePolicy(policy: ManagedPolicyRecord): Promise<boolean>;
  /**
   * Adds a version, and makes it the default in the same transaction when `setAsDefault` (the policy's
   * `updateDate` becomes the version's date then). `false` when the policy is missing or the id is taken.
   */
  createPolicyVersion(version: PolicyVersionRecord, setAsDefault: boolean): Promise<boolean>;
  deletePolicyVersion(policyArn: string, versionId: string): Promise<boolean>;
  /** Deletes the policy and all its versions. */
  deletePolicy(policyArn: string): Promise<boolean>;

  /** Attaches a managed policy; returns `false` if it was already attached (AWS treats that as success). */
  attachPolicy(owner: PrincipalRef, policyArn: string): Promise<boolean>;
  detachPolicy(owner: PrincipalRef, policyArn: string): Promise<boolean>;
  listAttachedPolicies(owner: PrincipalRef): Promise<readonly string[]>;
  countPolicyAttachments(policyArn: string): Promise<number>;
  /** How many identities of `accountId` attach each policy (policies attached to none are absent). */
  countAttachmentsByPolicy(accountId: string): Promise<ReadonlyMap<string, number>>;
  /** Who a policy is attached to, sorted by account, kind and name; names come back case-folded. */
  listPolicyAttachments(policyArn: string): Promise<readonly PrincipalRef[]>;
  /** How many users and roles use the policy as their permissions boundary. */
  countPermissionsBoundaryUsage(policyArn: string): Promise<number>;
  /** How many users and roles of `accountId` use each policy as their boundary (unused policies are absent). */
  countBoundaryUsageByPolicy(accountId: string): Promise<ReadonlyMap<string, number>>;

  putInlinePolicy(policy: InlinePolicyRecord): Promise<void>;
  getInlinePolicy(owner: PrincipalRef, policyName: string): Promise<InlinePolicyRecord | undefined>;
  listInlinePolicies(owner: PrincipalRef): Promise<readonly InlinePolicyRecord[]>;
  deleteInlinePolicy(owner: PrincipalRef, policyName: string): Promise<boolean>;

  /** Creates an identity provider; `false` when its ARN exists. */
  createIdentityProvider(provider: IdentityProviderRecord): Promise<boolean>;
  getIdentityProvider(arn: string): Promise<IdentityProviderRecord | undefined>;
  /** The account's providers of one kind, by ARN. */
  listIdentityProviders(
    accountId: string,
    kind: IdentityProviderRecord['kind'],
  ): Promise<readonly IdentityProviderRecord[]>;
  /** Replaces a provider; `false` when it is missing. */
  updateIdentityProvider(provider: IdentityProviderRecord): Promise<boolean>;
  deleteIdentityProvider(arn: string): Promise<boolean>;

  /** Creates a virtual MFA device; `false` when the account has a device of that name (case-insensitive). */
  createMfaDevice(device: MfaDeviceRecord): Promise<boolean>;
  getMfaDevice(accountId: string, serialNumber: string): Promise<MfaDeviceRecord | undefined>;
  /** The account's virtual MFA devices, by name. */
  listMfaDevices(accountId: string): Promise<readonly MfaDeviceRecord[]>;
  /** Replaces a device (enabling or deactivating it); `false` when it is missing. */
  updateMfaDevice(device: MfaDeviceRecord): Promise<boolean>;
  deleteMfaDevice(accountId: string, serialNumber: string): Promise<boolean>;

  /** Stores a user credential; `false` when its id is taken (a second login profile of the user, for one). */
  createUserCredential(credential: UserCredentialRecord): Promise<boolean>;
  getUserCredential(accountId: string, id: string): Promise<UserCredentialRecord | undefined>;
  /**
   * The account's credentials of one kind, oldest first (then by id); of one user (case-insensitive) when
   * `userName` is given.
   */
  listUserCredentials(
    accountId: string,
    kind: UserCredentialKind,
    userName?: string,
  ): Promise<readonly UserCredentialRecord[]>;
  /** Replaces a credential (status, password hash, reset flag); `false` when it is missing. */
  updateUserCredential(credential: UserCredentialRecord): Promise<boolean>;
  deleteUserCredential(accountId: string, id: string): Promise<boolean>;
  getPasswordPolicy(accountId: string): Promise<PasswordPolicyRecord | undefined>;
  /** Sets or (with `undefined`) removes the account password policy; returns whether something changed. */
  setPasswordPolicy(accountId: string, policy: PasswordPolicyRecord | undefined): Promise<boolean>;

  createInstanceProfile(profile: InstanceProfileRecord): Promise<boolean>;
  getInstanceProfile(accountId: string, name: string): Promise<InstanceProfileRecord | undefined>;
  listInstanceProfiles(accountId: string, pathPrefix: string): Promise<readonly InstanceProfileRecord[]>;
  /** Replaces the profile's tags; `false` when it is missing. */
  setInstanceProfileTags(accountId: string, name: string, tags: readonly Tag[]): Promise<boolean>;
  /** Deletes the profile (the domain checks that it holds no role first). */
  deleteInstanceProfile(accountId: string, name: string): Promise<boolean>;
  /** Replaces the profile's role list (the domain enforces AWS's limit of one role). */
  setInstanceProfileRoles(accountId: string, name: string, roleNames: readonly string[]): Promise<void>;
  listInstanceProfilesForRole(accountId: string, roleName: string): Promise<readonly InstanceProfileRecord[]>;
}

/** What a blob write measured while streaming the bytes to disk. */
export interface BlobWrite {
  readonly blobId: string;
  readonly size: number;
  /** Hex digests of the bytes written (`sha256` unless the write asked to skip it). */
  readonly md5: string;
  readonly sha256?: string | undefined;
}

/**
 * An optional capability of a body {@link BlobStore.read} returns: it writes itself into `destination` and ends it,
 * reusing a few buffers instead of allocating one per chunk (storage/blobs/file-body.ts says why that matters). A
 * body is either read as a stream or sent, not both.
 */
export interface SendableBody {
  sendTo(destination: Writable): Promise<void>;
}

/**
 * Object bodies. Writes stream to a temporary file and become visible only by an atomic rename in
 * {@link BlobStore.commit}; an aborted or rejected upload is discarded and leaves nothing behind.
 */
export interface BlobStore {
  /** Streams `body` to a new, not yet visible blob; `sha256: false` skips that digest. */
  write(body: Readable, options?: { readonly sha256?: boolean }): Promise<BlobWrite>;
  /** Makes a written blob durable and readable. */
  commit(blobId: string): Promise<void>;
  /** Throws away a written but uncommitted blob, or deletes a committed one. Idempotent. */
  discard(blobId: string): Promise<void>;
  /** Streams a committed blob, optionally a byte range (inclusive `end`); the stream may be a {@link SendableBody}. */
  read(blobId: string, range?: { start: number; end: number }): Readable;
  /**
   * Deletes temporary files last written before `before`: uploads a crash interrupted. A live upload keeps writing,
   * so its file is never that old. Returns how many were removed. Optional: stores without temporary files omit it.
   */
  sweep?(before: Date): Promise<number>;
  /**
   * The ids of committed blobs last written before `before`, for the start-up sweep of bodies whose record a crash
   * kept from being written (core/s3/orphan-bodies). Optional: stores that do not outlive the process omit it.
   */
  listCommitted?(before: Date): AsyncIterable<string>;
  /** Releases what the store holds open (its hashing thread). Optional: in-memory stores hold nothing. */
  close?(): Promise<void>;
}

/**
 * EC2 instances and security groups. Records are written whole (`save*` inserts or replaces); the domain checks
 * names and states. Lists come back sorted by id.
 */
export interface Ec2Store {
  saveInstance(instance: InstanceRecord): Promise<void>;
  getInstance(accountId: string, instanceId: string): Promise<InstanceRecord | undefined>;
  /** The account's instances, or every account's when `accountId` is undefined (to reopen metadata endpoints). */
  listInstances(accountId: string | undefined): Promise<readonly InstanceRecord[]>;
  saveSecurityGroup(group: SecurityGroupRecord): Promise<void>;
  getSecurityGroup(accountId: string, groupId: string): Promise<SecurityGroupRecord | undefined>;
  listSecurityGroups(accountId: string): Promise<readonly SecurityGroupRecord[]>;
  deleteSecurityGroup(accountId: string, groupId: string): Promise<boolean>;
}

/**
 * The AWS managed policies (`arn:aws:iam::aws:policy/…`, account `aws`): read-only, with their version history.
 * The domain serves them next to each account's own policies.
 */
export interface ManagedPolicyCatalog {
  getPolicy(policyArn: string): Promise<ManagedPolicyRecord | undefined>;
  getPolicyVersion(policyArn: string, versionId: string): Promise<PolicyVersionRecord | undefined>;
  /** Versions oldest first. */
  listPolicyVersions(policyArn: string): Promise<readonly PolicyVersionRecord[]>;
  /** Every AWS managed policy, sorted by name. */
  listPolicies(): Promise<readonly ManagedPolicyRecord[]>;
}

/**
 * Changes made by other processes sharing the same database (PostgreSQL deployments with several nodes). A listener
 * is called after each committed IAM change, and whenever changes may have been missed (a reconnect).
 */
export interface ChangeFeed {
  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: () => void): () => void;
}

/**
 * Verification keys of OpenID Connect issuers (a JWKS per issuer), discovered, fetched and cached by an adapter
 * (`src/oidc/`). The getter throws AwsError `IDPCommunicationError` when the issuer cannot be reached and
 * `InvalidIdentityToken` when it may not be used (a plain-HTTP issuer without the opt-in).
 */
export interface OidcKeySource {
  /** jose's key getter for tokens whose `iss` is `issuer`. */
  keysFor(issuer: string): JWTVerifyGetKey;
}

// The audit trail's and S3's ports live in their own files; they are re-exported so every import of ports.js keeps
// working.
export type {
  AuditAttributeKey,
  AuditCursor,
  AuditDraftSink,
  AuditEventSink,
  AuditFileOptions,
  AuditQuery,
  AuditSink,
  AuditStore,
  PrincipalActivityQuery,
  StoreAuditSink,
} from './audit-ports.js';
export type {
  ListObjectsQuery,
  ListVersionsQuery,
  ObjectPage,
  S3AccountSettings,
  S3BlobReferences,
  S3Store,
  VersionPage,
} from './s3-ports.js';

/** All storage, as `app.ts` hands it to the domain. */
export interface Stores {
  readonly accounts: AccountStore;
  readonly iam: IamStore;
  readonly s3: S3Store;
  readonly ec2: Ec2Store;
  readonly blobs: BlobStore;
  readonly audit: AuditStore;
  /** The AWS managed policies, when the adapter ships them. */
  readonly awsManagedPolicies?: ManagedPolicyCatalog | undefined;
  /** Present when other processes may write the same data (an optional capability). */
  readonly changes?: ChangeFeed | undefined;
  close(): Promise<void>;
}

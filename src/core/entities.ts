/**
 * @module core/entities
 * The records iamd stores. Field names follow the IAM and S3 models (../../models) where a model field exists.
 * Dates are `Date`; documents are stored as the JSON text the caller sent (decoded, never URL-encoded).
 */

import type { Tag } from './tag.js';

export type { Tag } from './tag.js';

/** An AWS account served by this iamd. */
export interface Account {
  readonly accountId: string;
  readonly createDate: Date;
  /** The account alias (CreateAccountAlias), unique across all accounts. */
  readonly alias?: string | undefined;
}

/** Which kind of IAM identity owns a policy attachment or inline policy. */
export type PrincipalKind = 'user' | 'role' | 'group';

/** Identifies an IAM user, role or group inside an account. Names are compared case-insensitively. */
export interface PrincipalRef {
  readonly accountId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
}

/** An IAM user (`AIDA…` unique id). */
export interface UserRecord {
  readonly accountId: string;
  readonly userName: string;
  readonly userId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly tags: readonly Tag[];
  readonly permissionsBoundaryArn?: string | undefined;
}

/** An IAM group (`AGPA…` unique id). Groups carry no tags in IAM. */
export interface GroupRecord {
  readonly accountId: string;
  readonly groupName: string;
  readonly groupId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
}

/** An IAM role (`AROA…` unique id). `assumeRolePolicyDocument` is the trust policy's JSON text. */
export interface RoleRecord {
  readonly accountId: string;
  readonly roleName: string;
  readonly roleId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly assumeRolePolicyDocument: string;
  readonly description?: string | undefined;
  readonly maxSessionDuration: number;
  readonly tags: readonly Tag[];
  readonly permissionsBoundaryArn?: string | undefined;
  /** When a session of the role last made a request, and in which region (`RoleLastUsed`). */
  readonly lastUsed?: { readonly date: Date; readonly region: string } | undefined;
}

/** A customer managed policy (`ANPA…` unique id). */
export interface ManagedPolicyRecord {
  readonly accountId: string;
  readonly policyName: string;
  readonly policyId: string;
  readonly path: string;
  readonly arn: string;
  readonly defaultVersionId: string;
  readonly description?: string | undefined;
  readonly createDate: Date;
  readonly updateDate: Date;
  readonly tags: readonly Tag[];
}

/** One version of a managed policy. */
export interface PolicyVersionRecord {
  readonly policyArn: string;
  readonly versionId: string;
  readonly document: string;
  readonly createDate: Date;
}

/** An inline policy embedded in a user, role or group. */
export interface InlinePolicyRecord {
  readonly owner: PrincipalRef;
  readonly policyName: string;
  readonly document: string;
}

/** An instance profile (`AIPA…` unique id) with the names of its roles (AWS allows at most one). */
export interface InstanceProfileRecord {
  readonly accountId: string;
  readonly instanceProfileName: string;
  readonly instanceProfileId: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly roleNames: readonly string[];
  readonly tags: readonly Tag[];
}

/** When and where an access key was last used (the `AccessKeyLastUsed` shape of GetAccessKeyLastUsed). */
export interface AccessKeyLastUse {
  readonly date: Date;
  readonly serviceName: string;
  readonly region: string;
}

/**
 * An identity provider of an account: OpenID Connect (`arn:aws:iam::<account>:oidc-provider/<host/path>`) or SAML
 * (`arn:aws:iam::<account>:saml-provider/<name>`). Federation itself (AssumeRoleWithWebIdentity/SAML) reads them.
 */
export interface IdentityProviderRecord {
  readonly accountId: string;
  readonly arn: string;
  readonly kind: 'oidc' | 'saml';
  readonly createDate: Date;
  readonly tags: readonly Tag[];
  /** OIDC: the issuer URL without its `https://`, the audiences and the certificate thumbprints. */
  readonly url?: string | undefined;
  readonly clientIds?: readonly string[] | undefined;
  readonly thumbprints?: readonly string[] | undefined;
  /** SAML: the IdP's metadata document and the end of its validity. */
  readonly samlMetadataDocument?: string | undefined;
  readonly validUntil?: Date | undefined;
}

/**
 * A virtual MFA device (`arn:aws:iam::<account>:mfa<path><name>`). The TOTP seed is stored sealed by the master
 * key; `userName` and `enableDate` are set while the device is enabled for a user.
 */
export interface MfaDeviceRecord {
  readonly accountId: string;
  readonly serialNumber: string;
  readonly name: string;
  readonly path: string;
  readonly seedCiphertext: string;
  readonly createDate: Date;
  readonly tags: readonly Tag[];
  readonly userName?: string | undefined;
  readonly enableDate?: Date | undefined;
}

/**
 * A long-term access key. `userName` is absent for the account root user's keys.
 * The secret is stored sealed by the master key (`secretCiphertext`), never in clear.
 */
export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly accountId: string;
  readonly userName?: string | undefined;
  readonly secretCiphertext: string;
  readonly status: 'Active' | 'Inactive';
  readonly createDate: Date;
  readonly lastUsed?: AccessKeyLastUse | undefined;
}

/** Whether a user credential may be used (the model's `statusType`). */
export type CredentialStatus = 'Active' | 'Inactive';

/**
 * A long-term credential of an IAM user other than an access key or MFA device: its console password (login
 * profile), an X.509 signing certificate, an SSH public key (CodeCommit) or a service-specific credential. All kinds
 * share one store: each belongs to one user (by name, moved along on renames) and blocks DeleteUser while it exists.
 * Secrets are kept only as salted scrypt hashes (`passwordHash`), never in clear.
 */
export type UserCredentialRecord =
  | LoginProfileRecord
  | SigningCertificateRecord
  | SshPublicKeyRecord
  | ServiceCredentialRecord;

/** The kinds of {@link UserCredentialRecord}. */
export type UserCredentialKind = UserCredentialRecord['kind'];

interface UserCredentialBase {
  readonly accountId: string;
  readonly userName: string;
  /** Unique across the store: a certificate, key or credential id; `login-profile/<user id>` for a login profile. */
  readonly id: string;
  readonly status: CredentialStatus;
  readonly createDate: Date;
}

/** A user's console password (`LoginProfile`); one per user. */
export interface LoginProfileRecord extends UserCredentialBase {
  readonly kind: 'login-profile';
  readonly passwordHash: string;
  readonly passwordResetRequired: boolean;
}

/** An X.509 signing certificate (`SigningCertificate`); the body is the PEM the user uploaded. */
export interface SigningCertificateRecord extends UserCredentialBase {
  readonly kind: 'signing-certificate';
  readonly body: string;
  /** SHA-256 of the certificate's DER bytes, hex: how duplicates are found. */
  readonly fingerprint: string;
}

/** An SSH public key (`SSHPublicKey`, `APKA…` id), kept in its `ssh-rsa` form. */
export interface SshPublicKeyRecord extends UserCredentialBase {
  readonly kind: 'ssh-public-key';
  /** `ssh-rsa <base64>` as uploaded or converted from PEM. */
  readonly body: string;
  /** MD5 of the key blob, colon-separated hex, as AWS shows it. */
  readonly fingerprint: string;
}

/** A service-specific credential (`ServiceSpecificCredential`, `ACCA…` id). */
export interface ServiceCredentialRecord extends UserCredentialBase {
  readonly kind: 'service-credential';
  readonly serviceName: string;
  readonly serviceUserName: string;
  readonly passwordHash: string;
  readonly expirationDate?: Date | undefined;
}

/** The account password policy (`PasswordPolicy` of GetAccountPasswordPolicy), as set by the account. */
export interface PasswordPolicyRecord {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly allowUsersToChangePassword: boolean;
  /** Days; absent when passwords do not expire. */
  readonly maxPasswordAge?: number | undefined;
  readonly passwordReusePrevention?: number | undefined;
  readonly hardExpiry: boolean;
}

/** A session-token sealing key. `material` is sealed by the master key. */
export interface SigningKeyRecord {
  readonly keyId: string;
  readonly materialCiphertext: string;
  readonly createDate: Date;
}

/** S3 "Block Public Access" settings of one bucket. */
export interface PublicAccessBlock {
  readonly BlockPublicAcls: boolean;
  readonly IgnorePublicAcls: boolean;
  readonly BlockPublicPolicy: boolean;
  readonly RestrictPublicBuckets: boolean;
}

/** An S3 bucket. Bucket names are global across accounts, as in AWS. */
export interface BucketRecord {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly createDate: Date;
  readonly publicAccessBlock?: PublicAccessBlock | undefined;
  /** The bucket policy's JSON text, as the owner put it. */
  readonly policy?: string | undefined;
  /** The bucket's tag set (PutBucketTagging), in the order it was put. */
  readonly tags?: readonly S3Tag[] | undefined;
  /** Versioning status once set (PutBucketVersioning); absent means never enabled. */
  readonly versioning?: 'Enabled' | 'Suspended' | undefined;
  /** The default encryption configuration (PutBucketEncryption); absent means S3's default, SSE-S3. */
  readonly encryption?: BucketEncryption | undefined;
}

/** One S3 tag (object or bucket tagging). */
export interface S3Tag {
  readonly key: string;
  readonly value: string;
}

/** A bucket's default encryption rule (S3 model `ServerSideEncryptionRule`). */
export interface BucketEncryption {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  readonly algorithm: string;
  readonly kmsMasterKeyId?: string | undefined;
  readonly bucketKeyEnabled?: boolean | undefined;
}

/** Content headers stored with an object and returned by GetObject/HeadObject (S3 model member names). */
export type ObjectContentHeaders = Readonly<
  Partial<Record<'CacheControl' | 'ContentDisposition' | 'ContentEncoding' | 'ContentLanguage' | 'Expires', string>>
>;

/** The metadata of one stored object; the bytes live in the {@link BlobStore} under `blobId`. */
export interface ObjectRecord {
  readonly bucket: string;
  readonly key: string;
  readonly blobId: string;
  readonly size: number;
  /** Quoted hex MD5, as S3 returns it (`"9b2cf535f27731c974343645a3985328"`). */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType?: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  /** Checksums the client sent and we verified, by algorithm name (`CRC32`, `SHA256`, …), base64. */
  readonly checksums: Readonly<Record<string, string>>;
  /** Content headers beyond Content-Type (Expires as an ISO-8601 instant). */
  readonly headers?: ObjectContentHeaders | undefined;
  /** The object's tag set, in the order it was put. */
  readonly tags?: readonly S3Tag[] | undefined;
  /** How many parts a multipart upload assembled the object from. */
  readonly partsCount?: number | undefined;
  /** The byte size of each part, in order (CompleteMultipartUpload), for GetObject/HeadObject `partNumber`. */
  readonly partSizes?: readonly number[] | undefined;
  /**
   * The version id ("Using versioning in S3 buckets"): an opaque id when written while versioning was Enabled,
   * `null` (the string) when written while it was Suspended, and absent when the bucket was never versioned. The
   * last two are both the key's one "null version".
   */
  readonly versionId?: string | undefined;
  /** A delete marker: a version with no body (`blobId`, `etag` empty, `size` 0) that hides the key. */
  readonly deleteMarker?: boolean | undefined;
}

/** One entry of a version listing: a version or delete marker, and whether it is the key's current one. */
export interface ObjectVersionRecord extends ObjectRecord {
  readonly isLatest: boolean;
}

/** An in-progress multipart upload: what CreateMultipartUpload said the object will carry. */
export interface MultipartUploadRecord {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: Date;
  /** The account (or `anonymous`) that started it, returned as Initiator and Owner. */
  readonly initiator: string;
  readonly contentType?: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  readonly headers?: ObjectContentHeaders | undefined;
  readonly tags?: readonly S3Tag[] | undefined;
  /** The additional checksum algorithm the parts carry (`CRC32`, …), when one was asked for. */
  readonly checksumAlgorithm?: string | undefined;
  /** How the object's checksum is formed from the parts (CreateMultipartUpload `x-amz-checksum-type`). */
  readonly checksumType?: 'COMPOSITE' | 'FULL_OBJECT' | undefined;
}

/** One uploaded part of a multipart upload; the bytes live in the {@link BlobStore} under `blobId`. */
export interface MultipartPartRecord {
  readonly uploadId: string;
  readonly partNumber: number;
  readonly blobId: string;
  readonly size: number;
  /** Quoted hex MD5 of the part. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly checksums: Readonly<Record<string, string>>;
}

// EC2 entities live in their own file; they are re-exported so every import of entities.js keeps working.
export type {
  InstanceMetadataOptions,
  InstanceProfileAssociation,
  InstanceRecord,
  InstanceStateName,
  IpPermissionRecord,
  SecurityGroupRecord,
} from './ec2-entities.js';

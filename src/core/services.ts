/**
 * @module core/services
 * The domain as the transport sees it: one object holding every use case, built by {@link createServices} from
 * the stores and the injected clock and randomness. app.ts is the only caller.
 */

import {
  type BootstrapResult,
  bootstrapAccount,
  CredentialCache,
  type CredentialResolver,
  createCredentialResolver,
} from './accounts/index.js';
import {
  AuthorizationMessages,
  Authorizer,
  ChangeTracker,
  PolicyCompiler,
  PrincipalPolicyLoader,
} from './authz/index.js';
import {
  AccessKeyUsage,
  createIamService,
  type IamService,
  RoleUsage,
  withAwsManagedPolicies,
  withReadCache,
} from './iam/index.js';
import { timeOrderedUuids } from '../ids/index.js';
import { type AuditFile, Auditor, auditSinks, RefusalRecorder, ServiceLastAccessed } from './audit/index.js';
import { createEc2Service, type Ec2Service, type MetadataEndpoints } from './ec2/index.js';
import type { KeyringManager, Sealer } from './keyring/index.js';
import { SamlFederation, WebIdentityFederation } from './federation/index.js';
import type { AuditStore, Clock, OidcKeySource, Random, Stores } from './ports.js';
import {
  AccountPublicAccess,
  BucketConfig,
  BucketPolicies,
  MultipartService,
  ObjectService,
  S3Service,
} from './s3/index.js';
import { CredentialRateLimiter, MfaCheck, StsService, UserSessions } from './sts/index.js';

/** Every use case, plus authentication and authorization. */
export interface Services {
  readonly iam: IamService;
  readonly sts: StsService;
  /** Verifies the tokens of AssumeRoleWithWebIdentity. */
  readonly webIdentity: WebIdentityFederation;
  /** Verifies the SAML responses of AssumeRoleWithSAML. */
  readonly saml: SamlFederation;
  readonly userSessions: UserSessions;
  /** MFA codes of STS calls, with replay protection. */
  readonly mfaCheck: MfaCheck;
  /** The session-token keyring (reload, rotate). */
  readonly keyring: KeyringManager;
  /** Keeps RoleLastUsed current from the request path. */
  readonly roleUsage: RoleUsage;
  /** Records long-term access keys' use for GetAccessKeyLastUsed (call `touch` once per authenticated request). */
  readonly accessKeyUsage: AccessKeyUsage;
  /** The optional rate limit of credential-issuing STS calls. */
  readonly credentialLimiter: CredentialRateLimiter;
  readonly s3: S3Service;
  readonly s3Objects: ObjectService;
  readonly s3Multipart: MultipartService;
  readonly s3Config: BucketConfig;
  /** S3 Control's account-level Block Public Access. */
  readonly s3AccountPublicAccess: AccountPublicAccess;
  readonly ec2: Ec2Service;
  readonly bucketPolicies: BucketPolicies;
  readonly authorizer: Authorizer;
  /** Encoded authorization failure messages (DecodeAuthorizationMessage). */
  readonly authorizationMessages: AuthorizationMessages;
  readonly credentials: CredentialResolver;
  /** Creates an account with a root key if it does not exist yet (the secret is returned only then). */
  readonly ensureAccount: (accountId: string) => Promise<BootstrapResult>;
  readonly clock: Clock;
  readonly random: Random;
  readonly region: string;
  /** The audit trail's writer (`record` once per request). */
  readonly audit: Auditor;
  /** Records requests refused before their operation ran (bad signatures, unknown keys and actions, …). */
  readonly refusals: RefusalRecorder;
  /** The event history LookupEvents reads. */
  readonly auditEvents: AuditStore;
  /** IAM's service last accessed reports, from the event history. */
  readonly serviceLastAccessed: ServiceLastAccessed;
}

/** How the audit trail is set up (`audit.*` options). */
export interface AuditDeps {
  readonly enabled: boolean;
  readonly failClosed: boolean;
  readonly defaultAccount: string;
  /** The JSON Lines file, if the trail has one. */
  readonly file?: AuditFile | undefined;
  readonly onSinkError?: ((sink: string, error: unknown) => void) | undefined;
}

/** What the domain is built from. */
export interface ServiceDeps {
  readonly stores: Stores;
  readonly clock: Clock;
  readonly random: Random;
  readonly master: Sealer;
  readonly keyring: KeyringManager;
  readonly region: string;
  /** Opens and closes instance metadata endpoints (the HTTP edge's listeners). */
  readonly metadataEndpoints: MetadataEndpoints;
  /** Lifetime of credentials served by the instance metadata and container endpoints. */
  readonly workloadCredentialSeconds: number;
  /** Credential-issuing STS calls per second per principal and per role (0 or absent: no limit). */
  readonly credentialRateLimit?: number | undefined;
  readonly credentialRateBurst?: number | undefined;
  /** The JWKS of OpenID Connect issuers (AssumeRoleWithWebIdentity). */
  readonly oidcKeys: OidcKeySource;
  /** The audit trail; absent: nothing is recorded. */
  readonly audit?: AuditDeps | undefined;
}

function createAuditor(deps: ServiceDeps): Auditor {
  const audit = deps.audit;
  const eventId = timeOrderedUuids((length) => deps.random.bytes(length));
  return new Auditor({
    enabled: audit?.enabled ?? false,
    failClosed: audit?.failClosed ?? false,
    sinks: auditSinks(deps.stores.audit, audit?.file),
    defaultAccount: audit?.defaultAccount ?? '000000000000',
    // Event ids grow with time (UUID v7), so the event table's key index is appended to (ids/time-ordered-uuid.ts).
    uuid: (time) => eventId(time.getTime()),
    onSinkError: audit?.onSinkError,
  });
}

/**
 * Wires the domain.
 *
 * @example
 * const services = createServices({ stores, clock, random, master, keyring, region: 'us-east-1' });
 */
export function createServices(deps: ServiceDeps): Services {
  const tracker = new ChangeTracker();
  const compiler = new PolicyCompiler();
  const { clock, random } = deps;
  // AWS managed policies are served beside each account's own, and entities read often stay in memory between
  // writes, for every use of the IAM store.
  const catalog = deps.stores.awsManagedPolicies;
  const iamStore = catalog ? withAwsManagedPolicies(deps.stores.iam, catalog) : deps.stores.iam;
  const stores = { ...deps.stores, iam: withReadCache(iamStore, tracker, clock) };
  // Other nodes' IAM writes make this node's caches stale too (ARCHITECTURE.md §5).
  stores.changes?.subscribe(() => tracker.bump());
  const sts = new StsService({ iam: stores.iam, keyring: deps.keyring, clock, random });
  const authorizationMessages = new AuthorizationMessages(deps.keyring);
  const authorizer = new Authorizer(
    new PrincipalPolicyLoader(stores.iam, tracker, compiler),
    compiler,
    authorizationMessages,
  );
  const iam = createIamService({ store: stores.iam, clock, random, tracker }, stores.accounts, deps.master, stores.s3);
  const audit = createAuditor(deps);
  return {
    iam,
    keyring: deps.keyring,
    roleUsage: new RoleUsage(iam.roles, clock),
    accessKeyUsage: new AccessKeyUsage(iam.accessKeys, clock),
    credentialLimiter: new CredentialRateLimiter(deps.credentialRateLimit ?? 0, deps.credentialRateBurst ?? 20, clock),
    mfaCheck: new MfaCheck((account, serial, user, code) => iam.mfaDevices.verify(account, serial, user, code), clock),
    sts,
    webIdentity: new WebIdentityFederation({
      keys: deps.oidcKeys,
      clock,
      provider: (arn) => stores.iam.getIdentityProvider(arn),
    }),
    saml: new SamlFederation({ clock, provider: (arn) => stores.iam.getIdentityProvider(arn) }),
    userSessions: new UserSessions({ accounts: stores.accounts, keyring: deps.keyring, clock, random }),
    s3: new S3Service({ store: stores.s3, blobs: stores.blobs, clock, region: deps.region }),
    s3Objects: new ObjectService({ store: stores.s3, blobs: stores.blobs, clock, random }),
    s3Multipart: new MultipartService({ store: stores.s3, blobs: stores.blobs, clock, random }),
    s3Config: new BucketConfig(stores.s3),
    s3AccountPublicAccess: new AccountPublicAccess(stores.s3),
    bucketPolicies: new BucketPolicies(stores.s3),
    authorizer,
    authorizationMessages,
    ec2: createEc2Service({
      store: stores.ec2,
      iam: stores.iam,
      sts,
      authorizer,
      tracker,
      endpoints: deps.metadataEndpoints,
      clock,
      random,
      region: deps.region,
      workloadCredentialSeconds: deps.workloadCredentialSeconds,
      audit,
    }),
    credentials: createCredentialResolver({
      accounts: stores.accounts,
      iam: stores.iam,
      master: deps.master,
      keyring: deps.keyring,
      cache: new CredentialCache(tracker, clock),
    }),
    ensureAccount: (accountId) =>
      bootstrapAccount({ accounts: stores.accounts, clock, random, master: deps.master }, accountId),
    clock,
    random,
    region: deps.region,
    audit,
    refusals: new RefusalRecorder(audit, deps.audit?.defaultAccount ?? '000000000000'),
    auditEvents: deps.stores.audit,
    serviceLastAccessed: new ServiceLastAccessed({
      iam: stores.iam,
      audit: deps.stores.audit,
      clock,
      random,
      recording: () => audit.enabled,
      flush: () => audit.flush(),
    }),
  };
}

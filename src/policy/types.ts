/**
 * @module policy/types
 * The public types of the policy engine: the request it decides, the policies it takes, the decision it returns.
 * See ../../../shared/design/IAM-SEMANTICS.md (copied into docs/policy-engine.md) for the semantics.
 */

/** Which kind of document a policy is; decides the grammar rules it is validated against. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'session' | 'boundary' | 'scp' | 'rcp';

/** The evaluation layer a policy sits in. */
export type PolicyLayer = 'identity' | 'boundary' | 'session' | 'resource' | 'scp' | 'rcp';

/**
 * A context value. Single-valued keys are strings (numbers, dates and booleans are carried as their
 * AWS string form, e.g. `"true"`, `"2026-11-28T14:00:00Z"`, `"1700000000"`); multi-valued keys are arrays.
 */
export type ContextValue = string | readonly string[];

/**
 * The request context. Keys are looked up case-insensitively: build it with {@link createContext}
 * (exported from `policy/index.ts`), which lower-cases the keys.
 */
export type RequestContext = ReadonlyMap<string, ContextValue>;

/** How the caller appears to Principal matching in resource and trust policies. */
export type PrincipalType =
  | 'Account'
  | 'User'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'Anonymous'
  | 'Service'
  | 'WebIdentity'
  | 'SAML';

/** The caller of a request, as the engine needs it. */
export interface PrincipalInfo {
  readonly type: PrincipalType;
  /** 12-digit account of the caller; absent for anonymous, service and federated (web identity/SAML) callers. */
  readonly accountId?: string | undefined;
  /**
   * The caller's own ARN: `arn:aws:iam::A:root`, the user ARN, the session ARN
   * `arn:aws:sts::A:assumed-role/R/s`, or `arn:aws:sts::A:federated-user/n`.
   */
  readonly arn?: string | undefined;
  /** For role sessions: the role ARN, with its path. */
  readonly roleArn?: string | undefined;
  /** For `Service` callers: the service principal name, e.g. `ec2.amazonaws.com`. */
  readonly serviceName?: string | undefined;
  /** For `WebIdentity`/`SAML` callers: the provider (`arn:aws:iam::A:oidc-provider/host`, `accounts.google.com`, …). */
  readonly federatedProvider?: string | undefined;
  /** True when a permissions boundary applies to the caller (changes how `Deny` + `NotPrincipal` behaves). */
  readonly hasPermissionsBoundary?: boolean | undefined;
  /**
   * The unique ID a saved trust policy may hold instead of an ARN (IAM-SEMANTICS.md §4.9): the user's `AIDA…`
   * for IAM users, the role's `AROA…` for role sessions.
   */
  readonly uniqueId?: string | undefined;
  /** For GetFederationToken sessions: the ARN of the IAM user that created the session (§4.4, row 5). */
  readonly parentUserArn?: string | undefined;
  /**
   * S3 only: the caller's canonical user ID (64 hex digits), matched by `{"CanonicalUser": …}` principals in
   * bucket policies. For account principals it is their account's canonical ID.
   */
  readonly canonicalUserId?: string | undefined;
}

/** One authorization question: may `principal` perform `action` on `resource` in `context`? */
export interface AuthzRequest {
  readonly principal: PrincipalInfo;
  /** `service:Action`, e.g. `s3:GetObject`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  readonly resource: string;
  /** The account that owns the resource; decides same-account vs cross-account rules. */
  readonly resourceAccount?: string | undefined;
  readonly context: RequestContext;
}

/** A parsed, validated policy statement as written (before compilation). */
export interface PolicyStatement {
  readonly sid?: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[] | undefined;
  readonly notAction?: readonly string[] | undefined;
  readonly resource?: readonly string[] | undefined;
  readonly notResource?: readonly string[] | undefined;
  /** `'*'` or a map of principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) to values. */
  readonly principal?: PrincipalBlock | undefined;
  readonly notPrincipal?: PrincipalBlock | undefined;
  /** Operator → key → values, values already turned into strings. */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> | undefined;
}

/** The Principal element in normalized form. */
export type PrincipalBlock = '*' | Readonly<Record<string, readonly string[]>>;

/** A parsed policy document. */
export interface PolicyDocument {
  readonly version?: string | undefined;
  readonly id?: string | undefined;
  readonly statements: readonly PolicyStatement[];
}

/**
 * The AWS error code a rejected document maps to: grammar errors are `MalformedPolicyDocument`; size limits are
 * `LimitExceeded` (IAM policies, SCPs) or `PackedPolicyTooLarge` (session policies).
 */
export type ParseErrorCode = 'MalformedPolicyDocument' | 'LimitExceeded' | 'PackedPolicyTooLarge';

/** Result of parsing and validating a document: the document, or AWS's `MalformedPolicyDocument` message. */
export type ParseResult =
  | { readonly ok: true; readonly policy: PolicyDocument; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly code?: ParseErrorCode | undefined };

/** Options of `parsePolicy`. */
export interface ParseOptions {
  /**
   * Lower-case `service:action` names the caller knows (iamd's action catalogue). When given, actions outside it
   * are reported in `warnings` (IAM itself accepts them).
   */
  readonly knownActions?: ReadonlySet<string> | undefined;
  /**
   * Skip the size quotas (the character set is still checked). For documents whose size was already judged where
   * they were saved: AWS managed policies (which exceed the customer quota) and stored policies read back for
   * evaluation. Never for documents a caller is saving.
   */
  readonly ignoreSizeLimits?: boolean | undefined;
}

/** What `lintPolicy` checks a document against. */
export interface PolicyCatalog {
  /** Lower-case `service:action` names. Services with no action here are reported as unknown. */
  readonly knownActions: ReadonlySet<string>;
}

/** A warning about a valid document. */
export interface PolicyFinding {
  readonly code: 'UnknownService' | 'UnknownAction' | 'UnknownOperator';
  readonly message: string;
  /** Index of the statement in the document. */
  readonly statement: number;
  readonly sid?: string | undefined;
}

/** Result of `validatePolicy`: the parse result and, for valid documents, the lint findings. */
export type ValidationResult =
  | { readonly ok: true; readonly policy: PolicyDocument; readonly findings: readonly PolicyFinding[] }
  | { readonly ok: false; readonly error: string; readonly code: ParseErrorCode };

/** A policy ready for evaluation, labelled with where it came from so decisions can name it. */
export interface CompiledPolicy {
  /** Where the policy came from: a managed policy ARN, `role/R/inline/P`, `trust-policy`, `session-policy`, … */
  readonly source: string;
  readonly layer: PolicyLayer;
  /** Opaque compiled form. */
  readonly statements: readonly unknown[];
  /** Opaque index of the statements by action service, built by `compilePolicy` so evaluation skips the rest. */
  readonly index?: unknown;
}

/** The policies gathered for one request. An absent layer does not take part in the decision. */
export interface PolicySet {
  /** Identity-based policies of the caller (managed + inline, user + groups, or the role's). Absent for anonymous, service and federated callers. */
  readonly identity?: readonly CompiledPolicy[] | undefined;
  readonly boundary?: CompiledPolicy | undefined;
  /** Session policies: absent when none was passed. */
  readonly session?: readonly CompiledPolicy[] | undefined;
  /** The resource-based policy (bucket policy, role trust policy). */
  readonly resource?: CompiledPolicy | undefined;
  /**
   * True for resources where an identity policy alone never grants access in the same account
   * (role trust policies, KMS key policies): IAM-SEMANTICS.md §4.4 "Exceptions".
   */
  readonly resourcePolicyRequired?: boolean | undefined;
  /** True for GetFederationToken sessions: without a session policy they have no permissions. */
  readonly federatedUserSession?: boolean | undefined;
  /** True for the account root user, whose identity side is an implicit allow-all in its own account. */
  readonly rootUser?: boolean | undefined;
  /**
   * SCPs of the caller's account, one entry per level of the path root → OU… → account (§4.7). Absent when SCPs
   * do not apply (no organization, management account, service-linked role). Every level needs an applicable Allow.
   */
  readonly scp?: readonly (readonly CompiledPolicy[])[] | undefined;
  /** RCPs of the resource's account, one entry per level, with the same rules as {@link PolicySet.scp}. */
  readonly rcp?: readonly (readonly CompiledPolicy[])[] | undefined;
}

/**
 * How a resource-policy `Principal` entry matched the caller; the same-account grant rules (§4.4) depend on it.
 * `exact`: the user, role-session or federated-user ARN; `role`: the role ARN (any of its sessions) or, for a
 * federated-user session, the user that created it; `account`: the account (delegation only); `wildcard`: `"*"`,
 * `{"AWS":"*"}` or an Allow with `NotPrincipal`; `service` / `federated`: a `Service` / `Federated` entry.
 */
export type MatchStrength = 'exact' | 'role' | 'account' | 'wildcard' | 'service' | 'federated';

/** The final outcome. */
export type Outcome = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A statement that applied to the request. */
export interface MatchedStatement {
  readonly source: string;
  readonly layer: PolicyLayer;
  readonly sid?: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  /** Index of the statement in its policy. */
  readonly index: number;
  /** For resource-policy statements: how their `Principal` matched the caller. */
  readonly strength?: MatchStrength | undefined;
}

/** Which layer decided a deny, so messages can say "…because no identity-based policy allows…". */
export type DenyReason =
  | { readonly kind: 'explicit'; readonly layer: PolicyLayer }
  | { readonly kind: 'implicit'; readonly layer: PolicyLayer };

/** What the engine decided, and why. */
export interface Decision {
  readonly outcome: Outcome;
  /** For denies: the layer that denied (explicit) or that failed to allow (implicit). */
  readonly reason?: DenyReason | undefined;
  /** Every statement that applied, in every layer. */
  readonly matched: readonly MatchedStatement[];
  /** Condition keys the policies asked for that the context did not have (lower-cased). */
  readonly missingKeys: readonly string[];
}

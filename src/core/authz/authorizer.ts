/**
 * @module core/authz/authorizer
 * The authorization step of every request: gathers the policies for (caller, resource), builds the request context
 * once, asks the policy engine, and turns a deny into AccessDenied with AWS's message. The decision keeps its
 * reasons until this edge.
 */

import {
  type AuthzRequest,
  type ContextValue,
  createContext,
  type Decision,
  evaluate,
  type PolicySet,
  type PrincipalInfo,
} from '../../policy/index.js';
import { AwsError } from '../errors.js';
import type { Caller } from './caller.js';
import { callerDisplayArn, isAccountCaller } from './caller.js';
import type { PolicyCompiler } from './compiled-policies.js';
import { denyMessage } from './deny-message.js';
import { buildGlobalContext, principalTags } from './global-context.js';
import type { PrincipalPolicyLoader } from './principal-policies.js';
import type { RequestFacts } from './request-facts.js';
import type { AuthorizationMessages } from './authorization-message.js';
import { sessionRestriction } from './session-restrictions.js';

/** What an operation asks to be authorized: its action, resource and service-specific context. */
export interface AuthorizationSpec {
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  readonly resource: string;
  /** Owner of the resource; defaults to the caller's account. */
  readonly resourceAccount?: string | undefined;
  /** Service-specific condition keys (`sts:RoleSessionName`, `s3:prefix`, …); undefined values are absent keys. */
  readonly context?: Readonly<Record<string, ContextValue | undefined>> | undefined;
  /** The resource-based policy, if the resource has one. */
  readonly resourcePolicy?:
    | { readonly document: string; readonly kind: 'trust' | 'resource'; readonly source: string }
    | undefined;
  /**
   * The principal the policies see when it is not the request's signer: a web-identity or SAML identity presenting
   * its token in an unsigned AssumeRoleWithWebIdentity/SAML request. It has no identity-side policies; only the
   * trust policy's `Federated` principal can admit it (IAM-SEMANTICS.md §4.6).
   */
  readonly federatedPrincipal?: { readonly type: 'WebIdentity' | 'SAML'; readonly provider: string } | undefined;
}

/** A decision with the request it answered, for audit and explanations. */
export interface AuthorizationResult {
  readonly decision: Decision;
  readonly request: AuthzRequest;
}

function principalInfo(caller: Caller, hasBoundary: boolean): PrincipalInfo {
  switch (caller.kind) {
    case 'root':
      return { type: 'Account', accountId: caller.accountId, arn: caller.arn };
    case 'user':
      return {
        type: 'User',
        accountId: caller.accountId,
        arn: caller.arn,
        uniqueId: caller.userId,
        hasPermissionsBoundary: hasBoundary,
      };
    case 'assumed-role':
      return {
        type: 'AssumedRole',
        accountId: caller.accountId,
        arn: caller.arn,
        roleArn: caller.roleArn,
        uniqueId: caller.roleId,
        hasPermissionsBoundary: hasBoundary,
      };
    case 'federated-user':
      return {
        type: 'FederatedUser',
        accountId: caller.accountId,
        arn: caller.arn,
        parentUserArn: caller.parentArn,
        hasPermissionsBoundary: hasBoundary,
      };
    case 'service':
      return { type: 'Service', serviceName: caller.serviceName };
    case 'anonymous':
      return { type: 'Anonymous' };
  }
}

/** Decides requests. One per app instance. */
export class Authorizer {
  readonly #principals: PrincipalPolicyLoader;
  readonly #compiler: PolicyCompiler;

  readonly #messages: AuthorizationMessages | undefined;

  constructor(principals: PrincipalPolicyLoader, compiler: PolicyCompiler, messages?: AuthorizationMessages) {
    this.#principals = principals;
    this.#compiler = compiler;
    this.#messages = messages;
  }

  /** Decides `spec` for `caller`, keeping every reason. */
  async decide(caller: Caller, spec: AuthorizationSpec, facts: RequestFacts): Promise<AuthorizationResult> {
    // A federated identity is decided on its own: the signer's policies, if the request was signed, play no part.
    const signer = spec.federatedPrincipal === undefined && isAccountCaller(caller);
    const principal = signer ? await this.#principals.load(caller) : undefined;
    const resourceAccount = spec.resourceAccount ?? (isAccountCaller(caller) ? caller.accountId : undefined);
    // Later layers win, as with object spreads; but copying into the fresh global context costs far less than a
    // spread followed by more keys, which V8 (Node 20) adds one at a time on a slow path (bench/README.md, STS).
    const entries = buildGlobalContext(caller, facts, principalTags(caller, principal?.roleTags ?? []));
    entries['aws:ResourceAccount'] = resourceAccount;
    const context = createContext(Object.assign(entries, facts.serviceContext, spec.context));
    const request: AuthzRequest = {
      principal: spec.federatedPrincipal
        ? { type: spec.federatedPrincipal.type, federatedProvider: spec.federatedPrincipal.provider }
        : principalInfo(caller, principal?.boundary !== undefined),
      action: spec.action,
      resource: spec.resource,
      resourceAccount,
      context,
    };
    const resource = spec.resourcePolicy
      ? this.#compiler.compile(
          spec.resourcePolicy.document,
          spec.resourcePolicy.kind,
          'resource',
          spec.resourcePolicy.source,
        )
      : undefined;
    const policies: PolicySet = {
      identity: principal?.identity,
      boundary: principal?.boundary,
      session: principal?.session,
      resource,
      resourcePolicyRequired: spec.resourcePolicy?.kind === 'trust',
      federatedUserSession: caller.kind === 'federated-user',
      rootUser: caller.kind === 'root' || (caller.kind === 'federated-user' && caller.parentUserName === undefined),
    };
    return { decision: evaluate(request, policies), request };
  }

  /**
   * Decides and throws AccessDenied (with AWS's explanatory message) unless the decision is Allow.
   *
   * @example
   * await authorizer.enforce(caller, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }, facts);
   */
  async enforce(caller: Caller, spec: AuthorizationSpec, facts: RequestFacts): Promise<AuthorizationResult> {
    const restriction = sessionRestriction(caller, spec.action);
    if (restriction !== undefined) {
      const who = callerDisplayArn(caller);
      throw new AwsError(
        'AccessDenied',
        `User: ${who} is not authorized to perform: ${spec.action} on resource: ${spec.resource} because ${restriction}`,
      );
    }
    const result = await this.decide(caller, spec, facts);
    if (result.decision.outcome !== 'Allow') {
      let message = denyMessage(callerDisplayArn(caller), spec.action, spec.resource, result.decision);
      if (facts.encodeAuthorizationMessage && this.#messages) {
        const principal = {
          id: 'userId' in caller ? caller.userId : undefined,
          name: caller.kind === 'user' ? caller.userName : undefined,
        };
        const encoded = this.#messages.encode(result.request, result.decision, principal);
        message = `${message}. Encoded authorization failure message: ${encoded}`;
      }
      throw new AwsError('AccessDenied', message);
    }
    return result;
  }
}

/**
 * @module core/ec2/role-credentials
 * Role credentials that an AWS service principal obtains for a workload and hands out through a credential
 * endpoint (instance metadata for `ec2.amazonaws.com`, the container endpoint for `ecs-tasks.amazonaws.com`).
 *
 * Each issue is an AssumeRole by the service principal: the role's trust policy is evaluated, so a role that does
 * not trust the service yields no credentials but the deny explanation. Sets are rotated half-way through their
 * lifetime (at least 30 minutes), so a fresh set is always available at least 15 minutes before the old one expires:
 * AWS promises five (EC2 User Guide, "Retrieve security credentials from instance metadata"), and the SDKs refresh
 * 5 to 15 minutes ahead (WIRE.md §4.1). Old sets stay valid until their own expiry.
 */

import type { Authorizer } from '../authz/authorizer.js';
import type { ChangeTracker } from '../authz/change-tracker.js';
import { denyMessage } from '../authz/deny-message.js';
import type { RoleRecord } from '../entities.js';
import type { Clock, Random } from '../ports.js';
import type { StsService } from '../sts/sts-service.js';
import { decidingStatements } from './deciding-statements.js';

/** One issued set, with what the endpoints print next to it. */
export interface RoleCredentialSet {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly lastUpdated: Date;
  readonly roleArn: string;
  readonly accountId: string;
}

/** Credentials, or why the service could not assume the role. */
export type RoleCredentialOutcome =
  | { readonly kind: 'issued'; readonly set: RoleCredentialSet }
  | { readonly kind: 'denied'; readonly message: string; readonly lastUpdated: Date };

/** Who asks for credentials, and for which workload. */
export interface ServiceRoleRequest {
  /** The service principal, e.g. `ec2.amazonaws.com`. */
  readonly servicePrincipal: string;
  readonly role: RoleRecord;
  /** The session name (the instance id for EC2). */
  readonly sessionName: string;
  /** The workload's ARN, offered to trust policies as `aws:SourceArn` (confused-deputy conditions). */
  readonly sourceArn?: string | undefined;
}

interface CachedSet {
  readonly set: RoleCredentialSet;
  readonly roleId: string;
  readonly rotateAt: number;
  generation: number;
}

/** Shortest lifetime accepted, so that half of it is still 15 minutes. */
export const MIN_WORKLOAD_SECONDS = 1800;

/** What the credential issuer needs. */
export interface ServiceRoleCredentialsDeps {
  readonly sts: StsService;
  readonly authorizer: Authorizer;
  readonly tracker: ChangeTracker;
  readonly clock: Clock;
  readonly random: Random;
  readonly region: string;
  /** Lifetime of each set in seconds (raised to {@link MIN_WORKLOAD_SECONDS}). */
  readonly lifetimeSeconds: number;
}

/** Issues, caches and rotates service-principal role credentials per workload. */
export class ServiceRoleCredentials {
  readonly #deps: ServiceRoleCredentialsDeps;
  readonly #cache = new Map<string, CachedSet>();

  constructor(deps: ServiceRoleCredentialsDeps) {
    this.#deps = { ...deps, lifetimeSeconds: Math.max(deps.lifetimeSeconds, MIN_WORKLOAD_SECONDS) };
  }

  /**
   * The current set for the workload `key`, issuing or rotating as needed. After an IAM write the trust policy is
   * evaluated again, so a role that stops trusting the service stops getting credentials on the next fetch.
   */
  async get(key: string, request: ServiceRoleRequest): Promise<RoleCredentialOutcome> {
    const now = this.#deps.clock.now();
    const cached = this.#cache.get(key);
    const fresh =
      cached &&
      cached.roleId === request.role.roleId &&
      cached.set.roleArn === request.role.arn &&
      now.getTime() < cached.rotateAt;
    if (fresh && cached.generation === this.#deps.tracker.generation) return { kind: 'issued', set: cached.set };
    const denied = await this.#authorize(request, now);
    if (denied !== undefined) {
      this.#cache.delete(key);
      return { kind: 'denied', message: denied, lastUpdated: now };
    }
    if (fresh) {
      cached.generation = this.#deps.tracker.generation;
      return { kind: 'issued', set: cached.set };
    }
    const generation = this.#deps.tracker.generation;
    const lifetime = this.#deps.lifetimeSeconds;
    const issued = this.#deps.sts.issueServiceSession(request.role, request.sessionName, lifetime);
    const set: RoleCredentialSet = {
      accessKeyId: issued.Credentials.AccessKeyId,
      secretAccessKey: issued.Credentials.SecretAccessKey,
      sessionToken: issued.Credentials.SessionToken,
      expiration: issued.Credentials.Expiration,
      lastUpdated: now,
      roleArn: request.role.arn,
      accountId: request.role.accountId,
    };
    this.#cache.set(key, {
      set,
      roleId: request.role.roleId,
      rotateAt: now.getTime() + (lifetime * 1000) / 2,
      generation,
    });
    return { kind: 'issued', set };
  }

  /** Drops a workload's cached set (its endpoint closed). */
  forget(key: string): void {
    this.#cache.delete(key);
  }

  /** The deny message, or `undefined` when the service principal may assume the role. */
  async #authorize(request: ServiceRoleRequest, now: Date): Promise<string | undefined> {
    const { role } = request;
    const context: Record<string, string> = { 'aws:SourceAccount': role.accountId };
    if (request.sourceArn !== undefined) context['aws:SourceArn'] = request.sourceArn;
    for (const tag of role.tags) context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
    const spec = {
      action: 'sts:AssumeRole',
      resource: role.arn,
      resourceAccount: role.accountId,
      context,
      resourcePolicy: {
        document: role.assumeRolePolicyDocument,
        kind: 'trust' as const,
        source: `${role.arn}#trust-policy`,
      },
    };
    const facts = { requestId: this.#deps.random.uuid(), time: now, secureTransport: true, region: this.#deps.region };
    const { decision } = await this.#deps.authorizer.decide(
      { kind: 'service', serviceName: request.servicePrincipal },
      spec,
      facts,
    );
    return decision.outcome === 'Allow'
      ? undefined
      : denyMessage(request.servicePrincipal, spec.action, role.arn, decision) + decidingStatements(decision);
  }
}

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
 *
 * Each issue, and each refusal, is recorded in the audit trail as CloudTrail records it: an `AssumeRole` event with
 * `userIdentity: {type: "AWSService", invokedBy: "ec2.amazonaws.com"}` (or `ecs-tasks.amazonaws.com`), the role
 * ARN and session name as `requestParameters`, the new key id and expiry as `responseElements` (docs/audit.md,
 * "Credentials minted for workloads"). A refusal is recorded once per workload, role and IAM state, so a workload
 * polling its endpoint cannot fill the trail.
 */

import type { AuditEntry, Auditor } from '../audit/index.js';
import type { Authorizer } from '../authz/authorizer.js';
import type { ChangeTracker } from '../authz/change-tracker.js';
import type { AuthorizationSpec, RequestFacts } from '../authz/index.js';
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
  /** The audit trail; absent: nothing is recorded. */
  readonly audit?: Pick<Auditor, 'admit' | 'record'> | undefined;
}

/** One evaluation of the service's AssumeRole: what was checked, and the deny message if it was refused. */
interface Evaluation {
  readonly spec: AuthorizationSpec;
  readonly facts: RequestFacts;
  readonly denied?: string | undefined;
}

/** Issues, caches and rotates service-principal role credentials per workload. */
export class ServiceRoleCredentials {
  readonly #deps: ServiceRoleCredentialsDeps;
  readonly #cache = new Map<string, CachedSet>();
  /** The last refusal recorded per workload (`roleId@generation`), so a refusal is recorded once per IAM state. */
  readonly #refused = new Map<string, string>();

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
    const evaluation = await this.#authorize(request, now);
    if (evaluation.denied !== undefined) {
      this.#cache.delete(key);
      await this.#recordRefusal(key, request, evaluation);
      return { kind: 'denied', message: evaluation.denied, lastUpdated: now };
    }
    this.#refused.delete(key);
    if (fresh) {
      cached.generation = this.#deps.tracker.generation;
      return { kind: 'issued', set: cached.set };
    }
    this.#deps.audit?.admit();
    const generation = this.#deps.tracker.generation;
    const lifetime = this.#deps.lifetimeSeconds;
    const issued = this.#deps.sts.issueServiceSession(request.role, request.sessionName, lifetime);
    // Recorded before the set is handed out: in fail-closed mode an unrecordable issue hands out nothing.
    await this.#record(request, evaluation, { output: { Credentials: issued.Credentials } });
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
    this.#refused.delete(key);
  }

  /** Records a refusal unless this workload's refusal for the same role and IAM state is recorded already. */
  async #recordRefusal(key: string, request: ServiceRoleRequest, evaluation: Evaluation): Promise<void> {
    const state = `${request.role.roleId}@${this.#deps.tracker.generation}`;
    if (this.#refused.get(key) === state) return;
    this.#refused.set(key, state);
    await this.#record(request, evaluation, {
      error: { code: 'AccessDenied', message: evaluation.denied ?? '' },
    });
  }

  /** The service principal's AssumeRole, as the request path records a call (core/audit/build-record). */
  async #record(
    request: ServiceRoleRequest,
    evaluation: Evaluation,
    outcome: Pick<AuditEntry, 'output' | 'error'>,
  ): Promise<void> {
    const pending = this.#deps.audit?.record({
      service: 'sts',
      operation: 'AssumeRole',
      caller: { kind: 'service', serviceName: request.servicePrincipal },
      facts: evaluation.facts,
      input: { RoleArn: request.role.arn, RoleSessionName: request.sessionName },
      specs: [evaluation.spec],
      allowed: outcome.error ? 0 : 1,
      ...outcome,
    });
    if (pending) await pending;
  }

  /** Evaluates the role's trust policy for the service principal; `denied` holds the deny message. */
  async #authorize(request: ServiceRoleRequest, now: Date): Promise<Evaluation> {
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
    if (decision.outcome === 'Allow') return { spec, facts };
    const denied =
      denyMessage(request.servicePrincipal, spec.action, role.arn, decision) + decidingStatements(decision);
    return { spec, facts, denied };
  }
}

/**
 * @module core/ec2/container-grants
 * Grants behind the container credentials endpoint (ECS / EKS Pod Identity style, WIRE.md §4.2): `iamd exec`
 * registers one for a role and gets a URL and an authorization token for its workload. A grant assumes the role
 * either as the caller who registered it (the role trusts the caller — the `aws-vault exec` case) or, like an ECS
 * task, as `ecs-tasks.amazonaws.com` after the caller passed the role (`iam:PassRole`). Grants live in memory: they
 * end with the `iamd exec` that made them, with the caller's own session, or after {@link MAX_GRANT_SECONDS}.
 *
 * Only a digest of the token is kept, and tokens are compared in constant time.
 */

import { createHash, timingSafeEqual } from 'node:crypto';
import { parseArn } from '../../arn/index.js';
import type { Caller } from '../authz/caller.js';
import type { RoleRecord } from '../entities.js';
import type { Clock, IamStore, Random } from '../ports.js';
import type { RoleCredentialOutcome, RoleCredentialSet, ServiceRoleCredentials } from './role-credentials.js';

/** The service principal of task-mode grants. */
export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';
/** Longest life of a grant, as the longest role session (IAM `MaxSessionDuration` upper bound). */
export const MAX_GRANT_SECONDS = 43200;

/** The AssumeRole parameters a caller-mode grant repeats on every refresh. */
export interface GrantAssumeInput {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly ExternalId?: string | undefined;
  readonly SerialNumber?: string | undefined;
  readonly TokenCode?: string | undefined;
}

/** A registered grant. */
export interface ContainerGrant {
  readonly id: string;
  readonly mode: 'caller' | 'task';
  readonly caller: Caller;
  /** ARN of the caller who registered it (who may revoke it). */
  readonly ownerArn: string;
  readonly accountId: string;
  readonly assume: GrantAssumeInput;
  readonly expiresAt: Date;
}

interface StoredGrant {
  readonly grant: ContainerGrant;
  readonly digest: Buffer;
  cached?: { readonly set: RoleCredentialSet; readonly rotateAt: number } | undefined;
}

const digestOf = (token: string) => createHash('sha256').update(token).digest();

/** The registry of container credential grants. */
export class ContainerGrants {
  readonly #grants = new Map<string, StoredGrant>();
  readonly #deps: { iam: IamStore; credentials: ServiceRoleCredentials; clock: Clock; random: Random };

  constructor(deps: { iam: IamStore; credentials: ServiceRoleCredentials; clock: Clock; random: Random }) {
    this.#deps = deps;
  }

  /** Registers a grant; returns it with its authorization token (shown once). */
  create(fields: Omit<ContainerGrant, 'id' | 'expiresAt'> & { expiresAt?: Date | undefined }): {
    grant: ContainerGrant;
    token: string;
  } {
    const now = this.#deps.clock.now().getTime();
    const latest = now + MAX_GRANT_SECONDS * 1000;
    const expiresAt = new Date(Math.min(fields.expiresAt?.getTime() ?? latest, latest));
    const grant: ContainerGrant = { ...fields, id: this.#deps.random.bytes(12).toString('hex'), expiresAt };
    const token = this.#deps.random.bytes(32).toString('base64url');
    this.#sweep(now);
    this.#grants.set(grant.id, { grant, digest: digestOf(token) });
    return { grant, token };
  }

  /** The grant `id` if `token` is its token and it has not ended. */
  authenticate(id: string, token: string | undefined): ContainerGrant | undefined {
    const stored = this.#grants.get(id);
    if (!stored || token === undefined) return undefined;
    if (!timingSafeEqual(stored.digest, digestOf(token))) return undefined;
    if (stored.grant.expiresAt.getTime() <= this.#deps.clock.now().getTime()) {
      this.#grants.delete(id);
      return undefined;
    }
    return stored.grant;
  }

  /** Ends a grant; only its owner may. Returns whether it existed. */
  revoke(id: string, ownerArn: string): boolean {
    const stored = this.#grants.get(id);
    if (!stored || stored.grant.ownerArn !== ownerArn) return false;
    this.#deps.credentials.forget(`task/${id}`);
    return this.#grants.delete(id);
  }

  /** Credentials of a caller-mode grant that are not due for rotation yet. */
  current(id: string): RoleCredentialSet | undefined {
    const cached = this.#grants.get(id)?.cached;
    return cached && this.#deps.clock.now().getTime() < cached.rotateAt ? cached.set : undefined;
  }

  /** Remembers a caller-mode set until half its lifetime has passed (so ≥ 15 minutes of any set ≥ 30 minutes). */
  remember(id: string, set: RoleCredentialSet): void {
    const stored = this.#grants.get(id);
    if (!stored) return;
    const issued = set.lastUpdated.getTime();
    stored.cached = { set, rotateAt: issued + (set.expiration.getTime() - issued) / 2 };
  }

  /** Credentials of a task-mode grant: the role assumed by `ecs-tasks.amazonaws.com`. */
  async taskCredentials(grant: ContainerGrant, region: string): Promise<RoleCredentialOutcome | undefined> {
    const role = await this.role(grant.assume.RoleArn);
    if (!role) return undefined;
    return this.#deps.credentials.get(`task/${grant.id}`, {
      servicePrincipal: ECS_TASKS_PRINCIPAL,
      role,
      sessionName: grant.id,
      sourceArn: `arn:aws:ecs:${region}:${grant.accountId}:task/iamd-exec/${grant.id}`,
    });
  }

  /** The role with exactly this ARN. */
  async role(roleArn: string): Promise<RoleRecord | undefined> {
    const arn = parseArn(roleArn);
    if (arn?.service !== 'iam' || !arn.resource.startsWith('role/')) return undefined;
    const role = await this.#deps.iam.getRole(arn.account, arn.resource.slice(arn.resource.lastIndexOf('/') + 1));
    return role && role.arn === roleArn ? role : undefined;
  }

  #sweep(now: number): void {
    for (const [id, stored] of this.#grants) if (stored.grant.expiresAt.getTime() <= now) this.#grants.delete(id);
  }
}

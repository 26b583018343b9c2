/**
 * @module core/audit/service-last-accessed
 * IAM's service last accessed data over the audit trail (IAM API reference: GenerateServiceLastAccessedDetails,
 * GetServiceLastAccessedDetails, GetServiceLastAccessedDetailsWithEntities; IAM User Guide, "Refining permissions
 * in AWS using last accessed information"). A job runs to completion when it is generated, so it is `COMPLETED`
 * at once; its id is a fresh UUID kept by this node for {@link JOB_TTL_MS} (at most {@link MAX_JOBS} at once, the
 * oldest forgotten first), then answered with `NoSuchEntity` like an id never issued, or one of another account.
 * The tracking period is AWS's 400 days, bounded in practice by `audit.retentionDays`. With auditing off nothing
 * is read: every allowed service is reported as not accessed, rather than from a history that stopped
 * (docs/audit.md, "Service last accessed").
 */

import { AwsError } from '../errors.js';
import { paginateByIndex } from '../iam/pagination.js';
import type { AuditStore, Clock, IamStore, Random } from '../ports.js';
import type { Iam } from '../../shapes/index.js';
import { type Activity, readActivity } from './last-accessed-activity.js';
import { buildReport, type Report } from './last-accessed-report.js';
import { reportScope } from './last-accessed-scope.js';
import { allowedServices } from './last-accessed-services.js';

/** How long a job's report can be read after it was generated. */
export const JOB_TTL_MS = 24 * 60 * 60 * 1000;
/** Jobs kept at once per node. */
export const MAX_JOBS = 1000;
/** IAM's tracking period (IAM User Guide, "Tracking period for last accessed information"). */
const TRACKING_MS = 400 * 24 * 60 * 60 * 1000;

interface Job {
  readonly accountId: string;
  readonly type: 'SERVICE_LEVEL' | 'ACTION_LEVEL';
  readonly created: Date;
  readonly completed: Date;
  readonly report: Report;
}

/** What the reports are built from. */
export interface ServiceLastAccessedDeps {
  readonly iam: IamStore;
  readonly audit: AuditStore;
  readonly clock: Clock;
  readonly random: Random;
  /** Whether the trail records requests now; when it does not, no activity is reported. */
  readonly recording: () => boolean;
  /** Writes the records still queued, so a report sees the requests made just before it. */
  readonly flush: () => Promise<void>;
}

const none: Activity = { services: new Map(), entities: new Map(), actions: new Map() };

/** The three operations, with their jobs. */
export class ServiceLastAccessed {
  readonly #deps: ServiceLastAccessedDeps;
  readonly #jobs = new Map<string, Job>();

  constructor(deps: ServiceLastAccessedDeps) {
    this.#deps = deps;
  }

  /**
   * [GenerateServiceLastAccessedDetails](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateServiceLastAccessedDetails.html)
   *
   * @example
   * const { JobId } = await lastAccessed.generate('000000000000', { Arn: 'arn:aws:iam::000000000000:role/app' });
   */
  async generate(
    accountId: string,
    input: Iam.GenerateServiceLastAccessedDetailsRequest,
  ): Promise<Iam.GenerateServiceLastAccessedDetailsResponse> {
    const created = this.#deps.clock.now();
    const type = input.Granularity ?? 'SERVICE_LEVEL';
    const scope = await reportScope(this.#deps.iam, accountId, input.Arn);
    if (this.#deps.recording()) await this.#deps.flush();
    const activity = this.#deps.recording()
      ? await readActivity(this.#deps.audit, accountId, scope.entities, new Date(created.getTime() - TRACKING_MS))
      : none;
    const report = buildReport(allowedServices(scope.documents), activity, scope.entities, type);
    const id = this.#deps.random.uuid();
    this.#forgetExpired(created);
    if (this.#jobs.size >= MAX_JOBS) this.#jobs.delete(this.#jobs.keys().next().value!);
    this.#jobs.set(id, { accountId, type, created, completed: this.#deps.clock.now(), report });
    return { JobId: id };
  }

  /** [GetServiceLastAccessedDetails](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html) */
  get(accountId: string, input: Iam.GetServiceLastAccessedDetailsRequest): Iam.GetServiceLastAccessedDetailsResponse {
    const job = this.#job(accountId, input.JobId);
    const page = paginateByIndex(job.report.services, input.Marker, input.MaxItems);
    return {
      JobStatus: 'COMPLETED',
      JobType: job.type,
      JobCreationDate: job.created,
      ServicesLastAccessed: page.items,
      JobCompletionDate: job.completed,
      IsTruncated: page.isTruncated,
      ...(page.marker ? { Marker: page.marker } : {}),
    };
  }

  /** [GetServiceLastAccessedDetailsWithEntities](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetailsWithEntities.html) */
  getWithEntities(
    accountId: string,
    input: Iam.GetServiceLastAccessedDetailsWithEntitiesRequest,
  ): Iam.GetServiceLastAccessedDetailsWithEntitiesResponse {
    const job = this.#job(accountId, input.JobId);
    const entities = job.report.entities.get(input.ServiceNamespace) ?? [];
    const page = paginateByIndex(entities, input.Marker, input.MaxItems);
    return {
      JobStatus: 'COMPLETED',
      JobCreationDate: job.created,
      JobCompletionDate: job.completed,
      EntityDetailsList: page.items,
      IsTruncated: page.isTruncated,
      ...(page.marker ? { Marker: page.marker } : {}),
    };
  }

  #job(accountId: string, id: string): Job {
    this.#forgetExpired(this.#deps.clock.now());
    const job = this.#jobs.get(id);
    if (!job || job.accountId !== accountId) {
      throw new AwsError('NoSuchEntity', `No report with job ID ${id} was found.`);
    }
    return job;
  }

  /** Jobs are kept in creation order, so the expired ones are at the front. */
  #forgetExpired(now: Date): void {
    for (const [id, job] of this.#jobs) {
      if (now.getTime() - job.created.getTime() < JOB_TTL_MS) return;
      this.#jobs.delete(id);
    }
  }
}

/**
 * @module core/audit/build-record
 * Builds the CloudTrail records of one request from what the request path already knows: the operation, the
 * caller, the request facts, the decoded input and output (or the error) and the authorization checks. A request
 * that reaches resources of another account is recorded in both accounts' histories, with one `sharedEventID`
 * (CloudTrail User Guide, "sharedEventID"): a cross-account AssumeRole, or S3 on another account's bucket.
 */

import { type AuthorizationSpec, type Caller, isAccountCaller, type RequestFacts } from '../authz/index.js';
import type { AuditEvent, CloudTrailRecord, EventResource, UserIdentity, Writable } from './audit-event.js';
import { accountOfArn, eventSourceOf, isDataEvent, isReadOnly, recordsResponse, resourceOf } from './classify.js';
import { elementsOf } from './parameters.js';
import { federatedIdentityOf } from './federated-identity.js';
import { cloudTrailTime, userIdentityOf, usernameOf } from './user-identity.js';

/** Everything the request path hands the audit trail about one request. */
export interface AuditEntry {
  readonly service: string;
  readonly operation: string;
  readonly caller: Caller;
  readonly facts: RequestFacts;
  readonly input: unknown;
  readonly output?: unknown;
  /** The error the caller received (its code as the service's wire spells it). */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  /** The authorization checks the operation declared, in order. */
  readonly specs: readonly AuthorizationSpec[];
  /** How many of `specs` allowed the request (all of them unless one denied). */
  readonly allowed: number;
  /**
   * For a request refused before its caller was established (core/audit/refusals): the `userIdentity` to write
   * instead of the caller's, and the account whose history holds the record.
   */
  readonly unauthenticated?: { readonly identity: UserIdentity; readonly accountId: string } | undefined;
}

/** What the builder needs besides the entry: the default account and fresh event ids (given the event's time). */
export interface BuildOptions {
  readonly defaultAccount: string;
  readonly uuid: (time: Date) => string;
}

/** The record's `resources`, and the type and name of each for the LookupEvents columns (classified once). */
function resourcesOf(entry: AuditEntry): { resources: EventResource[]; names: { type: string; name: string }[] } {
  const resources: EventResource[] = [];
  const names: { type: string; name: string }[] = [];
  const seen = entry.specs.length > 1 ? new Set<string>() : undefined;
  for (const spec of entry.specs) {
    if (seen) {
      if (seen.has(spec.resource)) continue;
      seen.add(spec.resource);
    }
    const known = resourceOf(spec.resource);
    if (!known) continue;
    const accountId = spec.resourceAccount ?? accountOfArn(spec.resource);
    resources.push(
      accountId ? { accountId, type: known.type, ARN: spec.resource } : { type: known.type, ARN: spec.resource },
    );
    names.push(known);
  }
  return { resources, names };
}

/** The accounts whose event history holds the request: the caller's first, then each resource owner's. */
function recipientsOf(entry: AuditEntry, resources: readonly EventResource[], fallback: string): string[] {
  if (entry.unauthenticated) return [entry.unauthenticated.accountId];
  if (resources.length === 0) return [isAccountCaller(entry.caller) ? entry.caller.accountId : fallback];
  const accounts = new Set<string>();
  if (isAccountCaller(entry.caller)) accounts.add(entry.caller.accountId);
  for (const resource of resources) if (resource.accountId) accounts.add(resource.accountId);
  return accounts.size === 0 ? [fallback] : [...accounts];
}

function s3Parameters(input: unknown): Record<string, unknown> | null {
  if (input === null || typeof input !== 'object') return null;
  const { Bucket, Key, ...rest } = input as Record<string, unknown>;
  const others = elementsOf(rest) ?? {};
  const out = {
    ...(Bucket === undefined ? {} : { bucketName: Bucket }),
    ...(Key === undefined ? {} : { key: Key }),
    ...others,
  };
  return Object.keys(out).length === 0 ? null : out;
}

function s3EventData(facts: RequestFacts): Record<string, unknown> | undefined {
  const authType = facts.serviceContext?.['s3:authType'];
  if (authType === undefined) return undefined;
  return {
    SignatureVersion: 'SigV4',
    AuthenticationMethod: authType === 'REST-QUERY-STRING' ? 'QueryString' : 'AuthHeader',
  };
}

/** One record, its fields in the order of AWS's examples. */
function recordOf(
  entry: AuditEntry,
  resources: readonly EventResource[],
  recipient: { readonly accountId: string; readonly eventID: string; readonly shared: string | undefined },
): CloudTrailRecord {
  const { caller, facts, service, operation } = entry;
  const data = isDataEvent(service, operation);
  const isService = caller.kind === 'service';
  const additional = service === 's3' ? s3EventData(facts) : undefined;
  // Built key by key in the order of AWS's examples (JSON keeps insertion order). Optional members are added only
  // when present: an object spread in the middle of a literal costs microseconds per record on Node 20.
  const record: Writable<CloudTrailRecord> = {
    eventVersion: data ? '1.09' : '1.08',
    userIdentity:
      entry.unauthenticated?.identity ??
      federatedIdentityOf(operation, entry.input, entry.output) ??
      userIdentityOf(caller),
    eventTime: cloudTrailTime(facts.time),
    eventSource: eventSourceOf(service),
    eventName: operation,
    awsRegion: facts.region,
    sourceIPAddress: isService ? caller.serviceName : (facts.sourceIp ?? ''),
    userAgent: isService ? caller.serviceName : (facts.userAgent ?? ''),
  } as Writable<CloudTrailRecord>;
  if (entry.error) {
    record.errorCode = entry.error.code;
    record.errorMessage = entry.error.message;
  }
  record.requestParameters = service === 's3' ? s3Parameters(entry.input) : elementsOf(entry.input);
  record.responseElements = entry.error || !recordsResponse(service, operation) ? null : elementsOf(entry.output);
  if (additional) record.additionalEventData = additional;
  record.requestID = facts.requestId;
  record.eventID = recipient.eventID;
  record.readOnly = isReadOnly(service, operation);
  if (resources.length > 0) record.resources = resources;
  // A service principal's AssumeRole is still an API call: CloudTrail writes `AwsApiCall` for the instance
  // profile's AssumeRole by ec2.amazonaws.com (`AwsServiceEvent` is for events no API request triggered).
  record.eventType = 'AwsApiCall';
  record.managementEvent = !data;
  record.recipientAccountId = recipient.accountId;
  if (recipient.shared) record.sharedEventID = recipient.shared;
  record.eventCategory = data ? 'Data' : 'Management';
  return record;
}

/**
 * The records of one request: one per account whose history holds it.
 *
 * @example
 * const [event] = buildAuditEvents(entry, { defaultAccount: '000000000000', uuid: randomUUID });
 * JSON.stringify(event.record);
 */
export function buildAuditEvents(entry: AuditEntry, options: BuildOptions): AuditEvent[] {
  const { resources, names } = resourcesOf(entry);
  const recipients = recipientsOf(entry, resources, options.defaultAccount);
  const time = entry.facts.time;
  const shared = recipients.length > 1 ? options.uuid(time) : undefined;
  const authorized =
    entry.allowed === 0
      ? []
      : entry.specs.slice(0, entry.allowed).map((spec) => ({ action: spec.action, resource: spec.resource }));
  const caller = entry.caller;
  const username = usernameOf(caller);
  const roleName = caller.kind === 'assumed-role' ? caller.roleName : undefined;
  return recipients.map((accountId) => {
    const record = recordOf(entry, resources, { accountId, eventID: options.uuid(time), shared });
    return {
      record,
      // Serialised once here for every sink (and so that a batch waiting to be written holds text, not object trees).
      recordJson: JSON.stringify(record),
      accountId,
      time,
      username,
      roleName,
      resources: names,
      authorized,
    };
  });
}

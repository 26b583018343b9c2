/**
 * @module core/audit/audit-draft
 * A request's draft (`AuditDraft`): what its records need from the request's own objects (the caller, the decoded
 * input and output, the authorization checks), worked out on the request path as text and plain values. A request
 * that reaches resources of another account is recorded in both accounts' histories, with one `sharedEventID`
 * (CloudTrail User Guide, "sharedEventID"): a cross-account AssumeRole, or S3 on another account's bucket.
 */

import { type AuthorizationSpec, type Caller, isAccountCaller, type RequestFacts } from '../authz/index.js';
import type { AuditDraft, EventResource, UserIdentity } from './audit-event.js';
import { accountOfArn, resourceOf } from './classify.js';
import { federatedIdentityOf } from './federated-identity.js';
import { JsonPieces } from './json-pieces.js';
import { traitsOf } from './operation-traits.js';
import { writeElements } from './parameters.js';
import { userIdentityOf, usernameOf } from './user-identity.js';

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

/** A request's resources: the record's `resources` and their JSON, and the LookupEvents columns of each. */
interface Resources {
  readonly resources: readonly EventResource[];
  /** `resources` as JSON; `undefined` when there are none (the record then has no `resources` member). */
  readonly json: string | undefined;
  readonly names: readonly { readonly type: string; readonly name: string }[];
}

/** What a request naming no known resource has: one object, so drafts can tell it apart by identity. */
const NO_RESOURCES: Resources = { resources: [], json: undefined, names: [] };

function classify(specs: readonly AuthorizationSpec[]): Resources {
  const resources: EventResource[] = [];
  const names: { type: string; name: string }[] = [];
  const seen = specs.length > 1 ? new Set<string>() : undefined;
  for (const spec of specs) {
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
  if (resources.length === 0) return NO_RESOURCES;
  return { resources, json: JSON.stringify(resources), names };
}

/**
 * The resources of requests with one authorization check, by its resource and owner: most requests (an AssumeRole
 * of a role, a read of a bucket) name the same resource again and again. Emptied when it reaches its bound, so
 * resources that come and go (object keys) never pin it.
 */
const SINGLE = new Map<string, Map<string | undefined, Resources>>();
const SINGLE_BOUND = 4096;

/** The request's resources, classified once per distinct single resource. */
function resourcesOf(entry: AuditEntry): Resources {
  const { specs } = entry;
  const spec = specs.length === 1 ? specs[0] : undefined;
  if (spec === undefined) return classify(specs);
  let byOwner = SINGLE.get(spec.resource);
  let known = byOwner?.get(spec.resourceAccount);
  if (known === undefined) {
    known = classify(specs);
    if (SINGLE.size >= SINGLE_BOUND) SINGLE.clear();
    if (byOwner === undefined || !SINGLE.has(spec.resource)) {
      byOwner = new Map();
      SINGLE.set(spec.resource, byOwner);
    }
    byOwner.set(spec.resourceAccount, known);
  }
  return known;
}

/** The accounts whose event history holds the request: the caller's first, then each resource owner's. */
function recipientsOf(entry: AuditEntry, resources: readonly EventResource[], fallback: string): string[] {
  if (entry.unauthenticated) return [entry.unauthenticated.accountId];
  if (resources.length === 0) return [isAccountCaller(entry.caller) ? entry.caller.accountId : fallback];
  const only = resources.length === 1 ? resources[0] : undefined;
  if (only !== undefined && isAccountCaller(entry.caller)) {
    // One resource, the common case (a role assumed, a bucket read): the caller's account, then the owner's if other.
    const own = entry.caller.accountId;
    return only.accountId === undefined || only.accountId === own ? [own] : [own, only.accountId];
  }
  const accounts = new Set<string>();
  if (isAccountCaller(entry.caller)) accounts.add(entry.caller.accountId);
  for (const resource of resources) if (resource.accountId) accounts.add(resource.accountId);
  return accounts.size === 0 ? [fallback] : [...accounts];
}

/** An S3 request's parameters: the bucket and key first, under CloudTrail's names, then the other members. */
function writeS3Parameters(input: unknown, out: JsonPieces): void {
  if (input === null || typeof input !== 'object') {
    out.add('null');
    return;
  }
  const { Bucket, Key, ...rest } = input as Record<string, unknown>;
  writeElements(rest, out, [
    ['bucketName', Bucket],
    ['key', Key],
  ]);
}

function s3EventData(facts: RequestFacts): Record<string, unknown> | undefined {
  const authType = facts.serviceContext?.['s3:authType'];
  if (authType === undefined) return undefined;
  return {
    SignatureVersion: 'SigV4',
    AuthenticationMethod: authType === 'REST-QUERY-STRING' ? 'QueryString' : 'AuthHeader',
  };
}

/** A record's `userIdentity` as JSON, and its access key id (a LookupEvents column). */
interface IdentityText {
  readonly json: string;
  readonly accessKeyId: string | null;
}

const identityText = (identity: UserIdentity): IdentityText => ({
  json: JSON.stringify(identity),
  accessKeyId: identity.accessKeyId ?? null,
});

/**
 * The `userIdentity` of each caller as text. A resolved caller is immutable and cached with its credentials, so a
 * principal making many requests has its identity serialised once (it is the largest part of most records), and its
 * drafts share one string (which the writer thread's line format sends once per batch, audit-draft-lines.ts).
 */
const IDENTITIES = new WeakMap<Caller, IdentityText>();

function identityOf(entry: AuditEntry): IdentityText {
  if (entry.unauthenticated) return identityText(entry.unauthenticated.identity);
  const federated = federatedIdentityOf(entry.operation, entry.input, entry.output);
  if (federated) return identityText(federated);
  let text = IDENTITIES.get(entry.caller);
  if (text === undefined) {
    text = identityText(userIdentityOf(entry.caller));
    IDENTITIES.set(entry.caller, text);
  }
  return text;
}

/** The pieces of the elements being written (one text at a time: drafting never waits). */
const PIECES = new JsonPieces();

/**
 * The draft of one request's records.
 *
 * @example
 * const draft = draftOf(entry, { defaultAccount: '000000000000', uuid: randomUUID });
 * draft.recipients; // ['111122223333']
 */
export function draftOf(entry: AuditEntry, options: BuildOptions): AuditDraft {
  const { caller, facts, service } = entry;
  const resources = resourcesOf(entry);
  const recipients = recipientsOf(entry, resources.resources, options.defaultAccount);
  const time = facts.time;
  // The shared id first, then the events' ids, in recipient order.
  const sharedEventId = recipients.length > 1 ? options.uuid(time) : null;
  const eventIds = recipients.length === 1 ? [options.uuid(time)] : recipients.map(() => options.uuid(time));
  const isService = caller.kind === 'service';
  const error = entry.error;
  const traits = traitsOf(service, entry.operation);
  const parts = PIECES;
  parts.start();
  if (service === 's3') writeS3Parameters(entry.input, parts);
  else writeElements(entry.input, parts);
  const requestJson = parts.join();
  let responseJson = 'null';
  if (!error && traits.recordsResponse) {
    parts.start();
    writeElements(entry.output, parts);
    responseJson = parts.join();
  }
  const additional = service === 's3' ? s3EventData(facts) : undefined;
  const identity = identityOf(entry);
  return {
    service,
    operation: entry.operation,
    identity: identity.json,
    accessKeyId: identity.accessKeyId,
    time,
    region: facts.region,
    sourceIp: isService ? caller.serviceName : (facts.sourceIp ?? ''),
    userAgent: isService ? caller.serviceName : (facts.userAgent ?? ''),
    requestId: facts.requestId,
    errorCode: error ? error.code : null,
    errorMessage: error ? error.message : null,
    requestJson,
    responseJson,
    additionalJson: additional ? JSON.stringify(additional) : null,
    resourcesJson: resources.json ?? null,
    resources: resources.names,
    recipients,
    eventIds,
    sharedEventId,
    username: usernameOf(caller) ?? null,
    roleName: caller.kind === 'assumed-role' ? caller.roleName : null,
    authorized:
      entry.allowed === 0
        ? []
        : entry.specs.slice(0, entry.allowed).map((spec) => ({ action: spec.action, resource: spec.resource })),
  };
}

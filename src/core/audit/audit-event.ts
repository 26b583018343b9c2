/**
 * @module core/audit/audit-event
 * The CloudTrail event record iamd writes for every request (CloudTrail User Guide, "CloudTrail record contents",
 * eventVersion 1.08/1.09), and the stored form that carries the few columns LookupEvents filters on.
 */

/** `userIdentity` (CloudTrail User Guide, "CloudTrail userIdentity element"). */
export interface UserIdentity {
  readonly type:
    | 'Root'
    | 'IAMUser'
    | 'AssumedRole'
    | 'FederatedUser'
    | 'AWSAccount'
    | 'AWSService'
    | 'WebIdentityUser'
    | 'SAMLUser'
    | 'Unknown';
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly invokedBy?: string;
  /** For `WebIdentityUser` and `SAMLUser`: the identity provider. */
  readonly identityProvider?: string;
  readonly sessionContext?: SessionContext;
}

/** `userIdentity.sessionContext`: how temporary credentials were obtained. */
export interface SessionContext {
  readonly sessionIssuer?: {
    readonly type: 'Root' | 'IAMUser' | 'Role';
    readonly principalId: string;
    readonly arn: string;
    readonly accountId: string;
    readonly userName?: string;
  };
  readonly webIdFederationData?: Readonly<Record<string, never>>;
  readonly attributes: { readonly creationDate: string; readonly mfaAuthenticated: 'true' | 'false' };
  readonly sourceIdentity?: string;
}

/** A record type with its members assignable, for the builders that fill one member at a time. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** One entry of `resources`. */
export interface EventResource {
  readonly ARN: string;
  readonly accountId?: string;
  readonly type: string;
}

/** A CloudTrail event record. Field order follows AWS's documented examples. */
export interface CloudTrailRecord {
  readonly eventVersion: '1.08' | '1.09';
  readonly userIdentity: UserIdentity;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestParameters: Readonly<Record<string, unknown>> | null;
  readonly responseElements: Readonly<Record<string, unknown>> | null;
  readonly additionalEventData?: Readonly<Record<string, unknown>>;
  readonly requestID: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  readonly resources?: readonly EventResource[];
  readonly eventType: 'AwsApiCall' | 'AwsServiceEvent';
  readonly managementEvent: boolean;
  readonly recipientAccountId: string;
  readonly sharedEventID?: string;
  readonly eventCategory: 'Management' | 'Data';
}

/** An IAM action a request was authorized for, and on which resource (for `iamd policy generate`). */
export interface AuthorizedAction {
  readonly action: string;
  readonly resource: string;
}

/**
 * Whether two lists of authorized actions are the same, member by member: sinks that write a record's actions as
 * text reuse the last text when the next request's actions are the same (most requests follow one of their kind).
 *
 * @example
 * const read = { action: 'sts:GetCallerIdentity', resource: '*' };
 * sameAuthorized([read], [{ ...read }]); // true
 */
export function sameAuthorized(a: readonly AuthorizedAction[], b: readonly AuthorizedAction[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]?.action !== b[i]?.action || a[i]?.resource !== b[i]?.resource) return false;
  }
  return true;
}

/** The members of a record that LookupEvents filters on, kept beside its JSON so no sink parses it back. */
export interface AuditColumns {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly readOnly: boolean;
  readonly accessKeyId: string | undefined;
}

/**
 * A record as the sinks store it: the CloudTrail record and its JSON text, plus the lookup columns derived from it
 * and the actions the request was allowed (which CloudTrail does not record, and which policy generation needs).
 */
export interface AuditEvent {
  /** The record as a tree. The request path renders `recordJson` directly and parses this only when it is read. */
  readonly record: CloudTrailRecord;
  /** The record's JSON text, as every sink stores it. */
  readonly recordJson: string;
  readonly columns: AuditColumns;
  /** `recipientAccountId`: whose event history holds it. */
  readonly accountId: string;
  /** Event time with milliseconds, the sort key. */
  readonly time: Date;
  /** LookupEvents' `Username`: the user, the role session or federated name, `root`. */
  readonly username?: string | undefined;
  /** The role of an AssumedRole caller, for policy generation (`accountId`/`roleName`, case-folded name). */
  readonly roleName?: string | undefined;
  readonly resources: readonly { readonly type: string; readonly name: string }[];
  readonly authorized: readonly AuthorizedAction[];
}

/** The fields of an {@link AuditEvent} besides its record, its JSON and its columns. */
export type AuditEventFields = Omit<AuditEvent, 'record' | 'recordJson' | 'columns'>;

/**
 * An event from a record tree (what stores read back, and test fixtures): its JSON and columns derived from it.
 *
 * @example
 * const event = auditEventOf(record, { accountId: '000000000000', time, resources: [], authorized: [] });
 */
export function auditEventOf(record: CloudTrailRecord, fields: AuditEventFields, recordJson?: string): AuditEvent {
  return {
    record,
    recordJson: recordJson ?? JSON.stringify(record),
    columns: {
      eventId: record.eventID,
      eventName: record.eventName,
      eventSource: record.eventSource,
      readOnly: record.readOnly,
      accessKeyId: record.userIdentity.accessKeyId,
    },
    accountId: fields.accountId,
    time: fields.time,
    username: fields.username,
    roleName: fields.roleName,
    resources: fields.resources,
    authorized: fields.authorized,
  };
}

/**
 * What a request's records are made of, as text and plain values: everything the request path must work out from
 * the request's own objects (its caller, decoded input and output, authorization checks), and nothing the records
 * only rearrange. A draft can be posted to a worker thread (storage/sqlite/audit-draft-lines.ts) and its records written there with
 * {@link eventsOfDraft}, off the event loop; {@link buildAuditEvents} does both steps at once.
 */
export interface AuditDraft {
  readonly service: string;
  readonly operation: string;
  /** `userIdentity` as JSON, and the access key id it names. */
  readonly identity: string;
  readonly accessKeyId: string | null;
  readonly time: Date;
  readonly region: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly requestId: string;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** `requestParameters` and `responseElements` as JSON (`null` when there is nothing to record). */
  readonly requestJson: string;
  readonly responseJson: string;
  /** `additionalEventData` as JSON, if the record has it. */
  readonly additionalJson: string | null;
  /** `resources` as JSON, if the request names any; and the type and name of each (LookupEvents columns). */
  readonly resourcesJson: string | null;
  readonly resources: AuditEvent['resources'];
  /** The accounts whose histories hold the request, each with its record's event id; and their shared id, if several. */
  readonly recipients: readonly string[];
  readonly eventIds: readonly string[];
  readonly sharedEventId: string | null;
  readonly username: string | null;
  readonly roleName: string | null;
  readonly authorized: AuditEvent['authorized'];
}

/**
 * @module core/audit/build-record
 * Builds the CloudTrail records of one request from its draft (./audit-draft.ts): one record per account whose
 * history holds the request, as JSON text. The request path does both steps for the memory and PostgreSQL stores;
 * with SQLite the writer thread builds the records from the drafts the request path hands it
 * (storage/sqlite/sqlite-audit-thread.ts).
 */

import type { AuditColumns, AuditDraft, AuditEvent, AuditEventFields, CloudTrailRecord } from './audit-event.js';
import { type AuditEntry, type BuildOptions, draftOf } from './audit-draft.js';
import { JsonPieces } from './json-pieces.js';
import { type OperationTraits, traitsOf } from './operation-traits.js';
import { cloudTrailTime } from './user-identity.js';

/** The pieces of the record being written (one at a time: writing a record never waits). */
const PIECES = new JsonPieces();

/**
 * One record as JSON text, its members in the order of AWS's examples. It is written as text rather than built as
 * a tree and serialised, so that the caller's identity and the operation's constant members are serialised once
 * rather than on every request (bench/README.md, "Audit trail", 2026-11-29). Each member is what `JSON.stringify` of
 * the tree would write (every value from the request goes through `addString` or `writeElements`); optional members
 * appear only when present.
 */
function recordJsonOf(draft: AuditDraft, traits: OperationTraits, recipient: number): string {
  // Pieces joined once (json-pieces.ts): `join` makes one flat string, where `+=` would leave a tree of pieces that
  // a sink holding thousands of records would keep, and the collector would mark, piece by piece. Values are
  // appended as pieces too (quotes apart from the text), so a record makes one string of its own, its text.
  const parts = PIECES;
  parts.start();
  parts.add(traits.data ? '{"eventVersion":"1.09","userIdentity":' : '{"eventVersion":"1.08","userIdentity":');
  parts.add(draft.identity);
  parts.add(',"eventTime":"');
  // CloudTrail's time form (digits, dashes, colons, T and Z) needs no escaping.
  parts.add(cloudTrailTime(draft.time));
  parts.add(traits.names);
  parts.add(',"awsRegion":');
  parts.addString(draft.region);
  parts.add(',"sourceIPAddress":');
  parts.addString(draft.sourceIp);
  parts.add(',"userAgent":');
  parts.addString(draft.userAgent);
  if (draft.errorCode !== null) {
    parts.add(',"errorCode":');
    parts.addString(draft.errorCode);
    parts.add(',"errorMessage":');
    parts.addString(draft.errorMessage ?? '');
  }
  parts.add(',"requestParameters":');
  parts.add(draft.requestJson);
  parts.add(',"responseElements":');
  parts.add(draft.responseJson);
  if (draft.additionalJson !== null) {
    parts.add(',"additionalEventData":');
    parts.add(draft.additionalJson);
  }
  parts.add(',"requestID":');
  parts.addString(draft.requestId);
  parts.add(',"eventID":');
  parts.addString(draft.eventIds[recipient] ?? '');
  parts.add(traits.readOnly ? ',"readOnly":true' : ',"readOnly":false');
  if (draft.resourcesJson !== null) {
    parts.add(',"resources":');
    parts.add(draft.resourcesJson);
  }
  // A service principal's AssumeRole is still an API call: CloudTrail writes `AwsApiCall` for the instance
  // profile's AssumeRole by ec2.amazonaws.com (`AwsServiceEvent` is for events no API request triggered).
  parts.add(
    traits.data
      ? ',"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":'
      : ',"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":',
  );
  parts.addString(draft.recipients[recipient] ?? '');
  if (draft.sharedEventId !== null) {
    parts.add(',"sharedEventID":');
    parts.addString(draft.sharedEventId);
  }
  parts.add(traits.data ? ',"eventCategory":"Data"}' : ',"eventCategory":"Management"}');
  return parts.join();
}

/**
 * An event as the request path builds it: its JSON text, with the tree parsed from it only when something reads
 * `record` (tests, in-process readers). Sinks store the text and the columns.
 */
class BuiltEvent implements AuditEvent {
  readonly recordJson: string;
  readonly columns: AuditColumns;
  readonly accountId: string;
  readonly time: Date;
  readonly username: string | undefined;
  readonly roleName: string | undefined;
  readonly resources: AuditEvent['resources'];
  readonly authorized: AuditEvent['authorized'];
  #record: CloudTrailRecord | undefined;

  constructor(recordJson: string, columns: AuditColumns, fields: AuditEventFields) {
    this.recordJson = recordJson;
    this.columns = columns;
    this.accountId = fields.accountId;
    this.time = fields.time;
    this.username = fields.username;
    this.roleName = fields.roleName;
    this.resources = fields.resources;
    this.authorized = fields.authorized;
  }

  get record(): CloudTrailRecord {
    this.#record ??= JSON.parse(this.recordJson) as CloudTrailRecord;
    return this.#record;
  }
}

/**
 * The records of a draft: one per account whose history holds the request. Each event's `record` is parsed from its
 * JSON when first read; sinks store the JSON and the columns.
 *
 * @example
 * const [event] = eventsOfDraft(draftOf(entry, options));
 */
export function eventsOfDraft(draft: AuditDraft): AuditEvent[] {
  const traits = traitsOf(draft.service, draft.operation);
  const accessKeyId = draft.accessKeyId ?? undefined;
  const username = draft.username ?? undefined;
  const roleName = draft.roleName ?? undefined;
  const { time, resources, authorized } = draft;
  return draft.recipients.map((accountId, i) => {
    const columns: AuditColumns = {
      eventId: draft.eventIds[i] ?? '',
      eventName: draft.operation,
      eventSource: traits.eventSource,
      readOnly: traits.readOnly,
      accessKeyId,
    };
    return new BuiltEvent(recordJsonOf(draft, traits, i), columns, {
      accountId,
      time,
      username,
      roleName,
      resources,
      authorized,
    });
  });
}

/**
 * The records of one request: one per account whose history holds it (a draft's records, written at once).
 *
 * @example
 * const [event] = buildAuditEvents(entry, { defaultAccount: '000000000000', uuid: randomUUID });
 * event.recordJson; // '{"eventVersion":"1.08","userIdentity":{…},…}'
 */
export function buildAuditEvents(entry: AuditEntry, options: BuildOptions): AuditEvent[] {
  return eventsOfDraft(draftOf(entry, options));
}

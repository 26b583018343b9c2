/**
 * @module core/audit/lookup-events
 * CloudTrail's LookupEvents over the event history of the caller's account (CloudTrail API reference,
 * LookupEvents): at most one lookup attribute, an inclusive time range, newest events first, 50 per page by
 * default and at most, and a `NextToken` that is only valid with the parameters it was issued for.
 */

import { createHash } from 'node:crypto';
import { AwsError } from '../errors.js';
import type { AuditAttributeKey, AuditCursor, AuditQuery, AuditStore } from '../ports.js';
import type { CloudTrail } from '../../shapes/index.js';
import type { AuditEvent } from './audit-event.js';

const KEYS: readonly AuditAttributeKey[] = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
];

const PAGE = 50;

function attributeOf(input: CloudTrail.LookupEventsRequest): AuditQuery['attribute'] {
  const attributes = input.LookupAttributes ?? [];
  if (attributes.length === 0) return undefined;
  if (attributes.length > 1) {
    throw new AwsError('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
  }
  const [{ AttributeKey: key, AttributeValue: value }] = attributes as [CloudTrail.LookupAttribute];
  if (!KEYS.includes(key as AuditAttributeKey)) {
    throw new AwsError('InvalidLookupAttributesException', `Lookup attribute key ${String(key)} is not valid.`);
  }
  if (key === 'ReadOnly' && value !== 'true' && value !== 'false') {
    throw new AwsError('InvalidLookupAttributesException', 'The value of ReadOnly must be true or false.');
  }
  return { key: key as AuditAttributeKey, value };
}

/** A fingerprint of the parameters a token belongs to. */
function fingerprint(input: CloudTrail.LookupEventsRequest, accountId: string): string {
  const basis = JSON.stringify([
    accountId,
    input.LookupAttributes ?? [],
    input.StartTime?.getTime() ?? null,
    input.EndTime?.getTime() ?? null,
    input.MaxResults ?? PAGE,
  ]);
  return createHash('sha256').update(basis).digest('base64url').slice(0, 16);
}

function encodeToken(cursor: AuditCursor, print: string): string {
  return Buffer.from(JSON.stringify({ t: cursor.time.getTime(), e: cursor.eventId, p: print })).toString('base64url');
}

function decodeToken(token: string, print: string): AuditCursor {
  try {
    const raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { t: unknown; e: unknown; p: unknown };
    if (typeof raw.t === 'number' && typeof raw.e === 'string' && raw.p === print) {
      return { time: new Date(raw.t), eventId: raw.e };
    }
  } catch {
    // fall through: the same error as a token of other parameters
  }
  throw new AwsError('InvalidNextTokenException', 'Invalid NextToken.');
}

/** The `Event` LookupEvents returns for a stored record. */
export function lookupEventOf(event: AuditEvent): CloudTrail.Event {
  const { record } = event;
  return {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: String(record.readOnly),
    ...(record.userIdentity.accessKeyId ? { AccessKeyId: record.userIdentity.accessKeyId } : {}),
    EventTime: new Date(Math.floor(event.time.getTime() / 1000) * 1000),
    EventSource: record.eventSource,
    ...(event.username === undefined ? {} : { Username: event.username }),
    Resources: event.resources.map((resource) => ({ ResourceType: resource.type, ResourceName: resource.name })),
    CloudTrailEvent: JSON.stringify(record),
  };
}

/**
 * Answers LookupEvents for `accountId`.
 *
 * @example
 * await lookupEvents(stores.audit, '000000000000', { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }] });
 */
export async function lookupEvents(
  store: AuditStore,
  accountId: string,
  input: CloudTrail.LookupEventsRequest,
): Promise<CloudTrail.LookupEventsResponse> {
  const attribute = attributeOf(input);
  const limit = input.MaxResults ?? PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE) {
    throw new AwsError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
  }
  if (input.StartTime && input.EndTime && input.StartTime.getTime() > input.EndTime.getTime()) {
    throw new AwsError('InvalidTimeRangeException', 'Start time must be before end time.');
  }
  // iamd records no Insights events.
  if (input.EventCategory === 'insight') return { Events: [] };
  const print = fingerprint(input, accountId);
  const cursor = input.NextToken === undefined ? undefined : decodeToken(input.NextToken, print);
  const events = await store.lookupAuditEvents({
    accountId,
    startTime: input.StartTime,
    endTime: input.EndTime,
    attribute,
    order: 'newest',
    cursor,
    limit: limit + 1,
  });
  const page = events.slice(0, limit);
  const last = page.at(-1);
  return {
    Events: page.map(lookupEventOf),
    ...(events.length > limit && last
      ? { NextToken: encodeToken({ time: last.time, eventId: last.record.eventID }, print) }
      : {}),
  };
}

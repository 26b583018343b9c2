/**
 * @module storage/sql/audit-batch.test
 * The batch layout: records come back exactly as written, whatever their text holds; batches split at their size
 * limit; each distinct key is indexed once with the first and last time it occurs; the purge's rewrite of stored
 * lines gives the very rows the request path writes; and an event id's time is read only from iamd's v7 ids.
 */

import { describe, expect, it } from 'vitest';
import { type AuditEvent, auditEventOf, type CloudTrailRecord } from '../../core/audit/index.js';
import { timeOrderedUuid } from '../../ids/index.js';
import {
  auditBatchesOf,
  auditBatchOfLines,
  eventIdTime,
  eventOfLine,
  MAX_EVENTS_PER_BATCH,
  readAuditBatch,
} from './audit-batch.js';

const T0 = Date.UTC(2026, 10, 29, 3, 0, 0, 0);

function event(
  id: string,
  ms: number,
  fields: Partial<Pick<AuditEvent, 'username' | 'roleName' | 'resources' | 'authorized' | 'accountId'>> = {},
  record: Partial<CloudTrailRecord> = {},
): AuditEvent {
  const accountId = fields.accountId ?? '111122223333';
  return auditEventOf(
    {
      eventVersion: '1.08',
      userIdentity: { type: 'IAMUser', accessKeyId: 'AKIAALICE00000000000', userName: 'alice' },
      eventTime: new Date(T0 + ms).toISOString(),
      eventSource: 'iam.amazonaws.com',
      eventName: 'GetRole',
      awsRegion: 'us-east-1',
      sourceIPAddress: '192.0.2.1',
      userAgent: 'test',
      requestParameters: { roleName: 'r' },
      responseElements: null,
      requestID: `req-${id}`,
      eventID: id,
      readOnly: true,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: accountId,
      eventCategory: 'Management',
      ...record,
    },
    {
      accountId,
      time: new Date(T0 + ms),
      username: fields.username,
      roleName: fields.roleName,
      resources: fields.resources ?? [],
      authorized: fields.authorized ?? [],
    },
  );
}

const allowed = [{ action: 'iam:GetRole', resource: 'arn:aws:iam::111122223333:role/r' }];

describe('auditBatchesOf and readAuditBatch', () => {
  it('give back every event exactly, whatever its text holds (separators, escapes, astral characters)', () => {
    const awkward = ['line\nbreak', 'tab\there', '', '"quoted" \\ back', 'nul\u0000', '\u2028', 'k\u{1F600}ey', 'null'];
    const events = awkward.map((text, i) =>
      event(
        `e${i}`,
        i,
        {
          username: text,
          ...(i % 2 === 0 ? { roleName: text } : {}),
          resources: [{ type: text, name: `${text}/${i}` }],
          authorized: i % 3 === 0 ? [] : [{ action: 's3:GetObject', resource: text }],
        },
        { userAgent: text, eventName: text, eventSource: text, userIdentity: { type: 'IAMUser', accessKeyId: text } },
      ),
    );
    const [batch, more] = auditBatchesOf(events);
    expect(more).toBeUndefined();
    expect(batch?.batch.event_count).toBe(awkward.length);
    const lines = readAuditBatch(batch?.batch.events ?? '');
    expect(lines.map(eventOfLine)).toEqual(events);
    // The record's text is kept byte for byte, not re-serialised.
    expect(lines.map((line) => line.recordJson)).toEqual(events.map((e) => e.recordJson));
  });

  it('writes each event its own resources and actions when a shared list or equal actions come between others', () => {
    const shared = [{ type: 'AWS::IAM::Role', name: 'r' }];
    const other = [{ type: 'AWS::IAM::Role', name: 'o' }];
    const read = [{ action: 'iam:GetRole', resource: 'arn:aws:iam::111122223333:role/r' }];
    const events = [
      event('a', 0, { resources: shared, authorized: read }),
      event('b', 1, { resources: shared, authorized: [{ ...read[0] } as (typeof read)[number]] }),
      event('c', 2, { resources: other, authorized: [] }),
      event('d', 3, { resources: shared, authorized: [{ action: 'iam:GetRole', resource: '*' }] }),
      event('e', 4, { resources: [], authorized: read }),
    ];
    const [batch] = auditBatchesOf(events);
    expect(readAuditBatch(batch?.batch.events ?? '').map(eventOfLine)).toEqual(events);
  });

  it(`splits a long run of events into batches of ${MAX_EVENTS_PER_BATCH}, each named after its first event`, () => {
    const events = Array.from({ length: MAX_EVENTS_PER_BATCH * 2 + 1 }, (_, i) => event(`e${i}`, i));
    const batches = auditBatchesOf(events);
    expect(batches.map((b) => [b.batch.batch_id, b.batch.event_count])).toEqual([
      ['e0', MAX_EVENTS_PER_BATCH],
      [`e${MAX_EVENTS_PER_BATCH}`, MAX_EVENTS_PER_BATCH],
      [`e${MAX_EVENTS_PER_BATCH * 2}`, 1],
    ]);
    expect(batches.flatMap((b) => readAuditBatch(b.batch.events).map(eventOfLine))).toEqual(events);
  });

  it('keeps the earliest and latest time of the batch and of each key, whatever the order of the records', () => {
    const events = [
      event('late', 30, { username: 'alice' }),
      event('early', 10, { username: 'bob' }),
      event('middle', 20, { username: 'alice' }),
    ];
    const [rows] = auditBatchesOf(events);
    const iso = (ms: number) => new Date(T0 + ms).toISOString();
    expect(rows?.batch).toMatchObject({ first_time: iso(10), last_time: iso(30) });
    const key = (kind: string, value: string) => rows?.keys.find((k) => k.kind === kind && k.value === value);
    expect(key('', '')).toMatchObject({ first_time: iso(10), last_time: iso(30), batch_id: 'late' });
    expect(key('Username', 'alice')).toMatchObject({ first_time: iso(20), last_time: iso(30) });
    expect(key('Username', 'bob')).toMatchObject({ first_time: iso(10), last_time: iso(10) });
  });

  it('indexes each distinct key once per account, and activity only for allowed requests', () => {
    const events = [
      event('a', 1, { username: 'alice', authorized: allowed, resources: [{ type: 'AWS::IAM::Role', name: 'r' }] }),
      event('b', 2, { username: 'alice', roleName: 'builder', authorized: allowed }),
      event('denied', 3, { username: 'mallory', roleName: 'intruder' }),
      event('other', 4, { accountId: '444455556666', username: 'alice', authorized: allowed }),
    ];
    const [rows] = auditBatchesOf(events);
    const keys = (rows?.keys ?? []).map((k) => `${k.account_id} ${k.kind}=${k.value}`);
    expect(keys).toEqual([
      '111122223333 =',
      '111122223333 EventName=GetRole',
      '111122223333 ReadOnly=true',
      '111122223333 EventSource=iam.amazonaws.com',
      '111122223333 AccessKeyId=AKIAALICE00000000000',
      '111122223333 Username=alice',
      '111122223333 ResourceType=AWS::IAM::Role',
      '111122223333 ResourceName=r',
      '111122223333 ActivityUser=alice',
      '111122223333 ActivityRole=builder',
      '111122223333 Username=mallory',
      '444455556666 =',
      '444455556666 EventName=GetRole',
      '444455556666 ReadOnly=true',
      '444455556666 EventSource=iam.amazonaws.com',
      '444455556666 AccessKeyId=AKIAALICE00000000000',
      '444455556666 Username=alice',
      '444455556666 ActivityUser=alice',
    ]);
  });
});

describe('auditBatchOfLines', () => {
  it("rebuilds exactly the rows the request path wrote from a batch's stored lines", () => {
    const events = [
      event('a', 5, { username: 'alice', authorized: allowed, resources: [{ type: 'T', name: 'n\t1' }] }),
      event('b', 1, { roleName: 'builder', authorized: allowed }, { userAgent: 'x"\n' }),
      event('c', 3, { accountId: '444455556666' }),
    ];
    const [rows] = auditBatchesOf(events);
    expect(auditBatchOfLines(readAuditBatch(rows?.batch.events ?? ''))).toEqual(rows);
  });
});

describe('eventIdTime', () => {
  it('reads the millisecond of a v7 id and nothing from any other id', () => {
    const ms = T0 + 123;
    expect(eventIdTime(timeOrderedUuid(ms, new Uint8Array(10).fill(0xab)))).toBe(ms);
    expect(eventIdTime('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBeUndefined();
    expect(eventIdTime('w')).toBeUndefined();
    expect(eventIdTime('019ACBC4-A4D8-7ABB-ABAB-ABABABABABAB')).toBeUndefined();
  });
});

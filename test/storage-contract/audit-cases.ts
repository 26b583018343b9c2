/**
 * @module test/storage-contract/audit-cases
 * AuditStore: batches round-trip whole, lookups by account, time range and every lookup attribute, both orders
 * with a cursor (ties on time broken by event id), and retention.
 */

import { describe, expect, it } from 'vitest';
import {
  type AuditDraft,
  type AuditEvent,
  auditEventOf,
  auditSinks,
  type CloudTrailRecord,
  eventsOfDraft,
} from '../../src/core/audit/index.js';
import type { StoresGetter } from './contract.js';
import { timeOrderedUuid } from '../../src/ids/index.js';
import { accountId, at, otherAccountId } from './fixtures.js';

function event(
  id: string,
  seconds: number,
  overrides: Partial<CloudTrailRecord> = {},
  account = accountId,
): AuditEvent {
  const record: CloudTrailRecord = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAALICE000000000000',
      arn: `arn:aws:iam::${account}:user/alice`,
      accountId: account,
      accessKeyId: 'AKIAALICE00000000000',
      userName: 'alice',
    },
    eventTime: at(seconds).toISOString(),
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateRole',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.1',
    userAgent: 'test',
    requestParameters: { roleName: 'r' },
    responseElements: null,
    requestID: `req-${id}`,
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    ...overrides,
  };
  return auditEventOf(record, {
    accountId: account,
    time: at(seconds),
    username: 'alice',
    resources: [{ type: 'AWS::IAM::Role', name: `role-${id}` }],
    authorized: [{ action: 'iam:CreateRole', resource: `arn:aws:iam::${account}:role/role-${id}` }],
  });
}

/** A request's draft (core/audit/build-record.ts) as the auditor hands it to a sink: a CreateRole by alice. */
function draft(id: string, seconds: number): AuditDraft {
  return {
    service: 'iam',
    operation: 'CreateRole',
    identity: JSON.stringify(event(id, seconds).record.userIdentity),
    accessKeyId: 'AKIAALICE00000000000',
    time: at(seconds),
    region: 'us-east-1',
    sourceIp: '192.0.2.1',
    userAgent: 'test',
    requestId: `req-${id}`,
    errorCode: null,
    errorMessage: null,
    requestJson: '{"roleName":"r"}',
    responseJson: 'null',
    additionalJson: null,
    resourcesJson: `[{"accountId":"${accountId}","type":"AWS::IAM::Role","ARN":"arn:aws:iam::${accountId}:role/role-${id}"}]`,
    resources: [{ type: 'AWS::IAM::Role', name: `role-${id}` }],
    recipients: [accountId],
    eventIds: [timeOrderedUuid(at(seconds).getTime(), new Uint8Array(10).fill(seconds))],
    sharedEventId: null,
    username: 'alice',
    roleName: null,
    authorized: [{ action: 'iam:CreateRole', resource: `arn:aws:iam::${accountId}:role/role-${id}` }],
  };
}

/** What a store keeps of an event (its record is its JSON, parsed). */
const stored = (event: AuditEvent) => ({
  recordJson: event.recordJson,
  record: event.record,
  columns: event.columns,
  accountId: event.accountId,
  time: event.time,
  username: event.username,
  roleName: event.roleName ?? undefined,
  resources: event.resources,
  authorized: event.authorized,
});

const ids = (events: readonly AuditEvent[]) => events.map((e) => e.record.eventID);

export function auditCases(stores: StoresGetter): void {
  describe('AuditStore', () => {
    it('keeps every field of a record and its lookup columns', async () => {
      const { audit } = stores();
      const roleEvent: AuditEvent = { ...event('e1', 1), roleName: 'builder' };
      await audit.appendAuditEvents([roleEvent]);
      expect(await audit.lookupAuditEvents({ accountId, order: 'newest', limit: 10 })).toEqual([roleEvent]);
    });

    it("reads back the records staged through the auditor's sink as the request path builds them, once committed", async () => {
      const { audit } = stores();
      const [sink] = auditSinks(audit);
      const drafts = [
        draft('s1', 1),
        { ...draft('s2', 1), roleName: 'builder' },
        { ...draft('s3', 2), userAgent: 'é€😀', errorCode: 'AccessDenied', errorMessage: 'no "way"', authorized: [] },
      ];
      // A store's own sink may take drafts (the SQLite writer thread builds their records) or records.
      const stage = (some: readonly AuditDraft[]) => {
        if (sink?.stageDraft) for (const one of some) sink.stageDraft(one);
        else sink?.stage(some.flatMap(eventsOfDraft));
      };
      stage(drafts.slice(0, 2));
      stage(drafts.slice(2));
      await sink?.commit(false);
      const later = draft('s4', 3);
      stage([later]);
      await sink?.commit(true);
      // Nothing staged: a durable commit is a probe, and writes nothing.
      await sink?.commit(true);
      const read = await audit.lookupAuditEvents({ accountId, order: 'oldest', limit: 10 });
      expect(read.map(stored)).toEqual([...drafts, later].flatMap(eventsOfDraft).map(stored));
    });

    it('returns one account only, newest first or oldest first, with ties on time ordered by id', async () => {
      const { audit } = stores();
      await audit.appendAuditEvents([event('b', 1), event('a', 1), event('c', 2), event('x', 3, {}, otherAccountId)]);
      expect(ids(await audit.lookupAuditEvents({ accountId, order: 'newest', limit: 10 }))).toEqual(['c', 'b', 'a']);
      expect(ids(await audit.lookupAuditEvents({ accountId, order: 'oldest', limit: 10 }))).toEqual(['a', 'b', 'c']);
      expect(ids(await audit.lookupAuditEvents({ accountId, order: 'oldest', limit: 2 }))).toEqual(['a', 'b']);
    });

    it('continues strictly after a cursor in either order', async () => {
      const { audit } = stores();
      await audit.appendAuditEvents([event('a', 1), event('b', 1), event('c', 2), event('d', 3)]);
      const newest = await audit.lookupAuditEvents({
        accountId,
        order: 'newest',
        cursor: { time: at(1), eventId: 'b' },
        limit: 10,
      });
      expect(ids(newest)).toEqual(['a']);
      const oldest = await audit.lookupAuditEvents({
        accountId,
        order: 'oldest',
        cursor: { time: at(1), eventId: 'b' },
        limit: 10,
      });
      expect(ids(oldest)).toEqual(['c', 'd']);
    });

    it('bounds the time range inclusively', async () => {
      const { audit } = stores();
      await audit.appendAuditEvents([event('a', 1), event('b', 2), event('c', 3)]);
      const found = await audit.lookupAuditEvents({
        accountId,
        startTime: at(2),
        endTime: at(3),
        order: 'newest',
        limit: 10,
      });
      expect(ids(found)).toEqual(['c', 'b']);
    });

    it('filters on each lookup attribute', async () => {
      const { audit } = stores();
      const read = event('r', 2, {
        eventName: 'GetRole',
        readOnly: true,
        eventSource: 'sts.amazonaws.com',
        userIdentity: { type: 'Root', accessKeyId: 'AKIAROOT000000000000' },
      });
      await audit.appendAuditEvents([event('w', 1), { ...read, username: 'root', resources: [] }]);
      const by = async (key: Parameters<typeof audit.lookupAuditEvents>[0]['attribute']) =>
        ids(await audit.lookupAuditEvents({ accountId, attribute: key, order: 'newest', limit: 10 }));
      expect(await by({ key: 'EventId', value: 'w' })).toEqual(['w']);
      expect(await by({ key: 'EventName', value: 'GetRole' })).toEqual(['r']);
      expect(await by({ key: 'ReadOnly', value: 'true' })).toEqual(['r']);
      expect(await by({ key: 'ReadOnly', value: 'false' })).toEqual(['w']);
      expect(await by({ key: 'Username', value: 'alice' })).toEqual(['w']);
      expect(await by({ key: 'Username', value: 'root' })).toEqual(['r']);
      expect(await by({ key: 'EventSource', value: 'sts.amazonaws.com' })).toEqual(['r']);
      expect(await by({ key: 'AccessKeyId', value: 'AKIAROOT000000000000' })).toEqual(['r']);
      expect(await by({ key: 'ResourceType', value: 'AWS::IAM::Role' })).toEqual(['w']);
      expect(await by({ key: 'ResourceName', value: 'role-w' })).toEqual(['w']);
      expect(await by({ key: 'ResourceName', value: 'role-r' })).toEqual([]);
    });

    it("returns the allowed requests of the named users and roles' sessions, newest first, after a cursor", async () => {
      const { audit } = stores();
      const denied = { ...event('denied', 5), authorized: [] };
      const session: AuditEvent = { ...event('session', 4), username: 'ci-run', roleName: 'builder' };
      await audit.appendAuditEvents([
        event('old', 1),
        event('a', 2),
        event('b', 3),
        session,
        denied,
        { ...event('bob', 6), username: 'bob' },
        event('other', 7, {}, otherAccountId),
      ]);
      const query = { accountId, userNames: ['alice'], roleNames: ['builder'], since: at(2), limit: 10 };
      expect(ids(await audit.lookupPrincipalActivity(query))).toEqual(['session', 'b', 'a']);
      expect(ids(await audit.lookupPrincipalActivity({ ...query, roleNames: [] }))).toEqual(['b', 'a']);
      expect(ids(await audit.lookupPrincipalActivity({ ...query, userNames: [] }))).toEqual(['session']);
      expect(await audit.lookupPrincipalActivity({ ...query, userNames: [], roleNames: [] })).toEqual([]);
      expect(
        ids(await audit.lookupPrincipalActivity({ ...query, cursor: { time: at(3), eventId: 'b' }, limit: 1 })),
      ).toEqual(['a']);
      expect((await audit.lookupPrincipalActivity({ ...query, limit: 1 }))[0]).toEqual(session);
    });

    it('deletes records older than the retention cut-off, and only those', async () => {
      const { audit } = stores();
      await audit.appendAuditEvents([event('a', 1), event('b', 2), event('c', 3)]);
      expect(await audit.deleteAuditEventsBefore(at(2))).toBe(1);
      expect(ids(await audit.lookupAuditEvents({ accountId, order: 'oldest', limit: 10 }))).toEqual(['b', 'c']);
      expect(
        ids(
          await audit.lookupAuditEvents({
            accountId,
            attribute: { key: 'ResourceName', value: 'role-a' },
            order: 'oldest',
            limit: 10,
          }),
        ),
      ).toEqual([]);
    });

    it('deletes old records of every account, and keeps the newer ones of each', async () => {
      const { audit } = stores();
      const third = '333333333333';
      await audit.appendAuditEvents([
        event('a1', 1),
        event('a5', 5),
        event('o1', 1, {}, otherAccountId),
        event('o2', 2, {}, otherAccountId),
        event('o6', 6, {}, otherAccountId),
        event('t1', 1, {}, third),
      ]);
      expect(await audit.deleteAuditEventsBefore(at(3))).toBe(4);
      const kept = async (account: string) =>
        ids(await audit.lookupAuditEvents({ accountId: account, order: 'oldest', limit: 10 }));
      expect(await kept(accountId)).toEqual(['a5']);
      expect(await kept(otherAccountId)).toEqual(['o6']);
      expect(await kept(third)).toEqual([]);
      const byResource = await audit.lookupAuditEvents({
        accountId: otherAccountId,
        attribute: { key: 'ResourceName', value: 'role-o1' },
        order: 'oldest',
        limit: 10,
      });
      expect(ids(byResource)).toEqual([]);
      expect(await audit.deleteAuditEventsBefore(at(3))).toBe(0);
    });

    it('pages through many batches whose times overlap, in either order and by attribute', async () => {
      const { audit } = stores();
      const all: AuditEvent[] = [];
      const pad = (n: number) => String(n).padStart(3, '0');
      // Each batch holds a recent request and a long-running one (an early time recorded late), so batches overlap in
      // time and the newest records are not all in the newest batches; more batches than a lookup reads at once.
      for (let b = 0; b < 150; b++) {
        const batch = [event(`n${pad(b)}`, 1000 + b), event(`s${pad(b)}`, (b * 37) % 151, { eventName: `Op${b % 4}` })];
        if (b % 2 === 0) batch.push(event(`x${pad(b)}`, 2000 + b, {}, otherAccountId));
        await audit.appendAuditEvents(batch);
        all.push(...batch);
      }
      const mine = all
        .filter((e) => e.accountId === accountId)
        .sort((a, b) => a.time.getTime() - b.time.getTime() || (a.record.eventID < b.record.eventID ? -1 : 1));
      const walk = async (order: 'newest' | 'oldest', attribute?: { key: 'EventName'; value: string }) => {
        const found: AuditEvent[] = [];
        let cursor: { time: Date; eventId: string } | undefined;
        for (;;) {
          const page = await audit.lookupAuditEvents({ accountId, order, cursor, attribute, limit: 7 });
          if (page.length === 0) return found;
          found.push(...page);
          const last = page[page.length - 1] as AuditEvent;
          cursor = { time: last.time, eventId: last.record.eventID };
        }
      };
      expect(ids(await walk('oldest'))).toEqual(ids(mine));
      expect(ids(await walk('newest'))).toEqual(ids(mine).reverse());
      const op1 = mine.filter((e) => e.record.eventName === 'Op1');
      expect(ids(await walk('newest', { key: 'EventName', value: 'Op1' }))).toEqual(ids(op1).reverse());
      const top = await audit.lookupAuditEvents({ accountId, order: 'newest', limit: 3 });
      expect(ids(top)).toEqual(['n149', 'n148', 'n147']);
      const deep = await audit.lookupAuditEvents({
        accountId,
        attribute: { key: 'EventId', value: 's149' },
        order: 'newest',
        limit: 5,
      });
      expect(deep).toEqual([all.find((e) => e.record.eventID === 's149')]);
    });

    it('breaks ties on time by event id across batches', async () => {
      const { audit } = stores();
      // Two batches end at the same instant, and the record that comes first is in the batch read second.
      await audit.appendAuditEvents([event('z1', 10), event('a', 50)]);
      await audit.appendAuditEvents([event('a1', 20), event('z', 50)]);
      expect(ids(await audit.lookupAuditEvents({ accountId, order: 'newest', limit: 1 }))).toEqual(['z']);
      // Oldest first, symmetrically: two batches start at the same instant.
      await audit.appendAuditEvents([event('a3', 60), event('z3', 1)]);
      await audit.appendAuditEvents([event('b3', 70), event('c3', 1)]);
      expect(ids(await audit.lookupAuditEvents({ accountId, order: 'oldest', limit: 1 }))).toEqual(['c3']);
    });

    it('finds an event by a time-ordered (v7) event id, as iamd mints them', async () => {
      const { audit } = stores();
      const v7 = (seconds: number, fill: number) =>
        timeOrderedUuid(at(seconds).getTime(), new Uint8Array(10).fill(fill));
      const events = [event(v7(1, 1), 1), event(v7(2, 2), 2), event(v7(2, 3), 2), event(v7(3, 4), 3)];
      for (const e of events) await audit.appendAuditEvents([e]);
      for (const e of events) {
        const found = await audit.lookupAuditEvents({
          accountId,
          attribute: { key: 'EventId', value: e.record.eventID },
          order: 'newest',
          limit: 5,
        });
        expect(found).toEqual([e]);
      }
    });

    it('writes a large batch in one call', async () => {
      const { audit } = stores();
      const batch = Array.from({ length: 450 }, (_, i) => event(`e${String(i).padStart(3, '0')}`, i));
      await audit.appendAuditEvents(batch);
      const found = await audit.lookupAuditEvents({ accountId, order: 'oldest', limit: 1000 });
      expect(found).toHaveLength(450);
      expect(found[449]).toEqual(batch[449]);
    });
  });
}

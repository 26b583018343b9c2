/**
 * @module test/storage-contract/audit-cases
 * AuditStore: batches round-trip whole, lookups by account, time range and every lookup attribute, both orders
 * with a cursor (ties on time broken by event id), and retention.
 */

import { describe, expect, it } from 'vitest';
import { type AuditEvent, auditEventOf, type CloudTrailRecord } from '../../src/core/audit/index.js';
import type { StoresGetter } from './contract.js';
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

const ids = (events: readonly AuditEvent[]) => events.map((e) => e.record.eventID);

export function auditCases(stores: StoresGetter): void {
  describe('AuditStore', () => {
    it('keeps every field of a record and its lookup columns', async () => {
      const { audit } = stores();
      const roleEvent: AuditEvent = { ...event('e1', 1), roleName: 'builder' };
      await audit.appendAuditEvents([roleEvent]);
      expect(await audit.lookupAuditEvents({ accountId, order: 'newest', limit: 10 })).toEqual([roleEvent]);
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

import { describe, expect, it } from 'vitest';
import { auditEventOf, type CloudTrailRecord } from '../../core/audit/index.js';
import { AUTHORIZED, AuditRing, Field, READ_ONLY } from './audit-ring.js';

const event = (i: number, key = 'AKIAROOT') =>
  auditEventOf(
    {
      eventID: `e${i}`,
      eventName: i % 2 ? 'GetRole' : 'CreateRole',
      eventSource: 'iam.amazonaws.com',
      readOnly: i % 2 === 1,
      userIdentity: { type: 'IAMUser', accessKeyId: key, userName: 'alice' },
      userAgent: 'é€😀',
    } as unknown as CloudTrailRecord,
    {
      accountId: i % 3 ? '111111111111' : '222222222222',
      time: new Date(i * 1000),
      username: 'alice',
      roleName: i % 5 ? undefined : 'ops',
      resources: i % 2 ? [] : [{ type: 'AWS::IAM::Role', name: `role-${i}` }],
      authorized: i % 4 ? [{ action: 'iam:GetRole', resource: '*' }] : [],
    },
  );

const ids = (ring: AuditRing) => Array.from({ length: ring.size }, (_, i) => ring.eventId(ring.slotAt(i)));

describe('AuditRing', () => {
  it('reads every record back as it was kept, across growth of its arrays', () => {
    const ring = new AuditRing(10_000);
    for (let i = 0; i < 3000; i++) ring.push(event(i));
    expect(ring.size).toBe(3000);
    for (const i of [0, 1, 1023, 1024, 2047, 2999]) {
      const slot = ring.slotAt(i);
      const back = ring.event(slot);
      expect(back).toEqual(event(i));
      expect(ring.int(slot, Field.flags) & READ_ONLY).toBe(i % 2 ? READ_ONLY : 0);
      expect(ring.int(slot, Field.flags) & AUTHORIZED).toBe(i % 4 ? AUTHORIZED : 0);
    }
  });

  it('keeps the latest maxEvents records once full, oldest first', () => {
    const ring = new AuditRing(1500);
    for (let i = 0; i < 5000; i++) ring.push(event(i));
    expect(ring.size).toBe(1500);
    expect(ids(ring)).toEqual(Array.from({ length: 1500 }, (_, i) => `e${3500 + i}`));
    expect(ring.event(ring.slotAt(0))).toEqual(event(3500));
  });

  it('keeps records with large texts readable while older chunks are handed back', () => {
    const ring = new AuditRing(20);
    const big = (i: number) =>
      auditEventOf(
        { eventID: `b${i}`, userIdentity: {}, padding: 'x'.repeat(300_000) } as unknown as CloudTrailRecord,
        {
          accountId: 'a',
          time: new Date(i),
          resources: [],
          authorized: [],
        },
      );
    for (let i = 0; i < 100; i++) ring.push(big(i));
    expect(ids(ring)).toEqual(Array.from({ length: 20 }, (_, i) => `b${80 + i}`));
    // A chunk a record (each may take 900 KB): the 80 dropped records' chunks were handed back, not kept.
    expect(ring.textBytes).toBeLessThanOrEqual(21 * 1024 * 1024);
    for (let i = 0; i < 20; i++) expect(ring.event(ring.slotAt(i))).toEqual(big(80 + i));
  });

  it('drops the oldest records sooner when their text would pass the byte budget, and keeps the newest', () => {
    const budget = 4 * 1024 * 1024;
    const ring = new AuditRing(1000, budget);
    const sized = (i: number, chars: number) =>
      auditEventOf({ eventID: `s${i}`, userIdentity: {}, padding: 'x'.repeat(chars) } as unknown as CloudTrailRecord, {
        accountId: 'a',
        time: new Date(i),
        resources: [],
        authorized: [],
      });
    for (let i = 0; i < 200; i++) ring.push(sized(i, 100_000));
    // 100 KB a record: at most 40 fit in 4 MB, and the chunks never pass the budget.
    expect(ring.size).toBeLessThanOrEqual(40);
    expect(ring.size).toBeGreaterThan(10);
    expect(ring.textBytes).toBeLessThanOrEqual(budget);
    expect(ids(ring).at(-1)).toBe('s199');
    expect(ids(ring)).toEqual(Array.from({ length: ring.size }, (_, i) => `s${200 - ring.size + i}`));
    for (let i = 0; i < ring.size; i++) expect(ring.event(ring.slotAt(i))).toEqual(sized(200 - ring.size + i, 100_000));
    // A record larger than the whole budget is kept, alone; small ones fill in after it again.
    ring.push(sized(200, 2_000_000));
    expect(ids(ring)).toEqual(['s200']);
    expect(ring.event(ring.slotAt(0))).toEqual(sized(200, 2_000_000));
    for (let i = 201; i < 211; i++) ring.push(sized(i, 100));
    expect(ids(ring).at(-1)).toBe('s210');
    expect(ring.size).toBeGreaterThan(1);
  });

  it('removes the records a retention pass rejects, keeping the order of the rest', () => {
    const ring = new AuditRing(100);
    for (let i = 0; i < 250; i++) ring.push(event(i));
    const removed = ring.retain((slot) => ring.time(slot) % 2000 === 0);
    expect(removed).toBe(50);
    expect(ids(ring)).toEqual(Array.from({ length: 50 }, (_, i) => `e${150 + 2 * i}`));
    ring.push(event(1000));
    expect(ids(ring).at(-1)).toBe('e1000');
  });

  it("forgets strings no kept record holds (a fleet's one-off access keys), and keeps those it does", () => {
    const ring = new AuditRing(50);
    for (let i = 0; i < 20_000; i++) ring.push(event(i, `ASIA${i}`));
    expect(ring.idOf('ASIA0')).toBeUndefined();
    expect(ring.idOf('ASIA19999')).toBeDefined();
    for (let i = 0; i < 50; i++) {
      const slot = ring.slotAt(i);
      expect(ring.event(slot)).toEqual(event(19_950 + i, `ASIA${19_950 + i}`));
      expect(ring.int(slot, Field.accessKeyId)).toBe(ring.idOf(`ASIA${19_950 + i}`));
    }
  });
});

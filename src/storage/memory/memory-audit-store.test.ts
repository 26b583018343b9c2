import { describe, expect, it } from 'vitest';
import { auditEventOf, type CloudTrailRecord } from '../../core/audit/index.js';
import { createMemoryAuditStore } from './memory-audit-store.js';

const event = (i: number) =>
  auditEventOf({ eventID: `e${String(i).padStart(4, '0')}`, userIdentity: { type: 'Root' } } as CloudTrailRecord, {
    accountId: 'a',
    time: new Date(i * 1000),
    resources: [],
    authorized: [],
  });

describe('createMemoryAuditStore', () => {
  it('keeps the latest maxEvents records', async () => {
    const store = createMemoryAuditStore(100);
    for (let i = 0; i < 500; i++) await store.appendAuditEvents([event(i)]);
    const kept = await store.lookupAuditEvents({ accountId: 'a', order: 'oldest', limit: 1000 });
    expect(kept.length).toBe(100);
    expect(kept[0]?.record.eventID).toBe('e0400');
    expect(kept.at(-1)?.record.eventID).toBe('e0499');
  });
});

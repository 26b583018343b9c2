import { describe, expect, it } from 'vitest';
import type { Caller, RequestFacts } from '../authz/index.js';
import type { AuditStats } from './auditor.js';
import type { AuditEntry } from './audit-draft.js';
import { buildAuditEvents } from './build-record.js';
import { type Refusal, RefusalRecorder, refusedEventName } from './refusals.js';

const facts: RequestFacts = {
  requestId: 'req-1',
  time: new Date('2026-11-28T10:00:00.000Z'),
  sourceIp: '192.0.2.1',
  secureTransport: false,
  userAgent: `aws-cli/2.9 ${'x'.repeat(5000)}`,
  region: 'us-east-1',
  serviceContext: { 's3:authType': 'REST-HEADER' },
};

function fakeAudit(options: { enabled?: boolean; failClosed?: boolean } = {}) {
  const entries: AuditEntry[] = [];
  const settle: Array<() => void> = [];
  const stats: AuditStats = { recorded: 0, written: 0, failed: 0, dropped: 0 };
  const audit = {
    enabled: options.enabled ?? true,
    failClosed: options.failClosed ?? false,
    stats,
    record(entry: AuditEntry): Promise<void> | undefined {
      entries.push(entry);
      if (!options.failClosed) return undefined;
      return new Promise<void>((resolve) => settle.push(resolve));
    },
  };
  return { audit, entries, settle, stats };
}

const recordOf = (entry: AuditEntry) =>
  buildAuditEvents(entry, { defaultAccount: '000000000000', uuid: () => 'uuid-1' })[0]!;

const refusal = (extra: Partial<Refusal> = {}): Refusal => ({
  service: 'iam',
  operation: 'ChangePassword',
  facts,
  error: { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match.' },
  ...extra,
});

describe('RefusalRecorder', () => {
  it('records an unresolved key as an Unknown identity in the default account, with nothing the client sent', () => {
    const { audit, entries } = fakeAudit();
    new RefusalRecorder(audit, '000000000000').record(
      refusal({ error: { code: 'InvalidClientTokenId', message: 'm' } }),
    );
    const event = recordOf(entries[0]!);
    expect(event.record).toMatchObject({
      userIdentity: { type: 'Unknown' },
      eventSource: 'iam.amazonaws.com',
      eventName: 'ChangePassword',
      errorCode: 'InvalidClientTokenId',
      requestParameters: null,
      responseElements: null,
      recipientAccountId: '000000000000',
      eventType: 'AwsApiCall',
    });
    expect(event.record.userIdentity).toEqual({ type: 'Unknown' });
    expect(event.record.userAgent).toHaveLength(256);
    expect(event.record.additionalEventData).toBeUndefined();
    expect(event.authorized).toEqual([]);
    expect(event.username).toBeUndefined();
  });

  it("names a known key, in its owner's history, without claiming the owner made the request", () => {
    const { audit, entries } = fakeAudit();
    new RefusalRecorder(audit, '000000000000').record(
      refusal({ presented: { accessKeyId: 'AKIAEXAMPLE', accountId: '111122223333' } }),
    );
    const event = recordOf(entries[0]!);
    expect(event.record.userIdentity).toEqual({
      type: 'Unknown',
      accountId: '111122223333',
      accessKeyId: 'AKIAEXAMPLE',
    });
    expect(event.accountId).toBe('111122223333');
  });

  it('records a caller whose signature verified (an expired session) as that caller', () => {
    const { audit, entries } = fakeAudit();
    const caller: Caller = {
      kind: 'user',
      accountId: '111122223333',
      userId: 'AIDAEXAMPLE',
      userName: 'alice',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accessKeyId: 'ASIAEXAMPLE',
      tags: [],
    };
    new RefusalRecorder(audit, '000000000000').record(
      refusal({ caller, error: { code: 'ExpiredToken', message: 'expired' } }),
    );
    const event = recordOf(entries[0]!);
    expect(event.record.userIdentity).toMatchObject({ type: 'IAMUser', userName: 'alice', accessKeyId: 'ASIAEXAMPLE' });
    expect(event.record.errorCode).toBe('ExpiredToken');
    expect(event.username).toBe('alice');
  });

  it('keeps only plain operation names', () => {
    expect(refusedEventName('ListUsers')).toBe('ListUsers');
    expect(refusedEventName(undefined)).toBe('Unknown');
    expect(refusedEventName('List Users')).toBe('Unknown');
    expect(refusedEventName('x'.repeat(129))).toBe('Unknown');
    expect(refusedEventName('AKIA/secret+key=')).toBe('Unknown');
  });

  it('records nothing while the trail is off', () => {
    const { audit, entries } = fakeAudit({ enabled: false });
    new RefusalRecorder(audit, '000000000000').record(refusal());
    expect(entries).toEqual([]);
  });

  it('never lets more than the bound wait in fail-closed mode, and counts what it drops', async () => {
    const { audit, entries, settle, stats } = fakeAudit({ failClosed: true });
    const recorder = new RefusalRecorder(audit, '000000000000', 3);
    for (let i = 0; i < 5; i++) recorder.record(refusal());
    expect(entries).toHaveLength(3);
    expect(stats.dropped).toBe(2);
    for (const resolve of settle) resolve();
    await Promise.resolve();
    await Promise.resolve();
    recorder.record(refusal());
    expect(entries).toHaveLength(4);
  });
});

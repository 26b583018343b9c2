import { describe, expect, it } from 'vitest';
import { type AuditEntry, buildAuditEvents } from '../../core/audit/index.js';
import type { AssumedRoleCaller } from '../../core/authz/index.js';
import { createMemoryStores } from '../../storage/index.js';
import { parseDuration } from './read-events.js';
import { tailEvents } from './tail.js';

const accountId = '000000000000';
const role: AssumedRoleCaller = {
  kind: 'assumed-role',
  accountId,
  arn: `arn:aws:sts::${accountId}:assumed-role/builder/ci`,
  userId: 'AROAEXAMPLE:ci',
  roleArn: `arn:aws:iam::${accountId}:role/builder`,
  roleId: 'AROAEXAMPLE',
  roleName: 'builder',
  sessionName: 'ci',
  accessKeyId: 'ASIAEXAMPLE',
  issuedAt: new Date(0),
  expiresAt: new Date(3_600_000),
  sessionTags: [],
  transitiveTagKeys: [],
  mfaAuthenticated: false,
};

let n = 0;
const eventAt = (seconds: number, overrides: Partial<AuditEntry> = {}) =>
  buildAuditEvents(
    {
      service: 'sts',
      operation: 'GetCallerIdentity',
      caller: {
        kind: 'root',
        accountId,
        arn: `arn:aws:iam::${accountId}:root`,
        userId: accountId,
        accessKeyId: 'AKIA',
      },
      facts: {
        requestId: `r${seconds}`,
        time: new Date(seconds * 1000),
        secureTransport: false,
        region: 'us-east-1',
        sourceIp: '127.0.0.1',
      },
      input: {},
      specs: [],
      allowed: 0,
      ...overrides,
    },
    { defaultAccount: accountId, uuid: () => `e${String(++n).padStart(4, '0')}` },
  );

describe('tailEvents', () => {
  it('prints the latest records oldest first, filtered, readable or as JSON lines, then follows', async () => {
    const { audit } = createMemoryStores();
    await audit.appendAuditEvents([
      ...eventAt(1),
      ...eventAt(2, { caller: role }),
      ...eventAt(3, {
        caller: role,
        service: 's3',
        operation: 'PutObject',
        error: { code: 'AccessDenied', message: 'denied' },
        specs: [{ action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' }],
      }),
      ...eventAt(4),
    ]);
    const lines: string[] = [];
    await tailEvents(audit, { accountId, lines: 2, denied: false, json: false, colour: false }, (l) => lines.push(l));
    expect(lines).toEqual([
      '1970-01-01T00:00:03Z  DENIED  arn:aws:sts::000000000000:assumed-role/builder/ci  s3:PutObject  arn:aws:s3:::b/k  127.0.0.1',
      '1970-01-01T00:00:04Z  OK  arn:aws:iam::000000000000:root  sts:GetCallerIdentity  127.0.0.1',
    ]);

    const denied: string[] = [];
    await tailEvents(audit, { accountId, lines: 10, denied: true, json: true, colour: false }, (l) => denied.push(l));
    expect(denied.map((l) => JSON.parse(l).eventName)).toEqual(['PutObject']);

    const byRole: string[] = [];
    let polls = 0;
    await tailEvents(
      audit,
      {
        accountId,
        lines: 10,
        principal: 'builder',
        denied: false,
        json: true,
        colour: false,
        next: async () => {
          polls++;
          if (polls === 1) await audit.appendAuditEvents([...eventAt(5, { caller: role }), ...eventAt(6)]);
          return polls < 3;
        },
      },
      (l) => byRole.push(l),
    );
    expect(byRole.map((l) => JSON.parse(l).eventTime)).toEqual([
      '1970-01-01T00:00:02Z',
      '1970-01-01T00:00:03Z',
      '1970-01-01T00:00:05Z',
    ]);

    const coloured: string[] = [];
    await tailEvents(audit, { accountId, lines: 1, denied: true, json: false, colour: true }, (l) => coloured.push(l));
    expect(coloured[0]).toContain('\u001b[31mDENIED\u001b[0m');
  });

  it('reads durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(() => parseDuration('1 hour')).toThrow(/not a duration/);
  });
});

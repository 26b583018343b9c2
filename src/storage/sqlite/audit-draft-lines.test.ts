/**
 * @module storage/sqlite/audit-draft-lines.test
 * The draft lines the event loop posts to the SQLite writer thread read back as exactly the drafts written, whatever
 * text they hold and however their contexts change, batch after batch; so the thread writes exactly the records the
 * loop would have built.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../core/audit/index.js';
import { eventsOfDraft } from '../../core/audit/index.js';
import { DraftLineWriter, forEachDraft } from './audit-draft-lines.js';

/** The drafts of a batch's bytes. */
function readDraftLines(text: string): AuditDraft[] {
  const drafts: AuditDraft[] = [];
  forEachDraft(Buffer.from(text, 'utf8'), (draft) => drafts.push(draft));
  return drafts;
}

/** Text of any kind, astral characters, quotes, backslashes and control characters included (no lone surrogates). */
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const maybe = fc.option(text, { nil: null });
const json = fc.oneof(
  fc.constant('null'),
  fc.dictionary(text, text, { maxKeys: 3 }).map((value) => JSON.stringify(value)),
);

/** A few of each shared value, so that consecutive drafts often share their context and sometimes do not. */
const identities = ['{"type":"Root","principalId":"111122223333"}', '{"type":"IAMUser","userName":"é€😀\\"x"}'];
const resourcesOf = [[], [{ type: 'AWS::IAM::Role', name: 'arn:aws:iam::111122223333:role/r' }]] as const;

const draft: fc.Arbitrary<AuditDraft> = fc
  .record({
    identity: fc.constantFrom(...identities),
    accessKeyId: fc.constantFrom('AKIAEXAMPLE', null),
    service: fc.constantFrom('sts', 's3'),
    operation: fc.constantFrom('GetCallerIdentity', 'AssumeRole'),
    time: fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms)),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    sourceIp: fc.oneof(fc.constant('127.0.0.1'), text),
    userAgent: fc.oneof(fc.constant('aws-cli/2.9.19'), text),
    requestId: text,
    errorCode: maybe,
    errorMessage: maybe,
    requestJson: json,
    responseJson: json,
    additionalJson: fc.constantFrom(null, '{"SignatureVersion":"SigV4"}'),
    resources: fc.constantFrom(...resourcesOf),
    recipients: fc.constantFrom(['111122223333'], ['111122223333', '444455556666']),
    username: maybe,
    roleName: fc.constantFrom(null, 'builder'),
    authorized: fc.constantFrom([], [{ action: 'sts:AssumeRole', resource: 'arn:aws:iam::1:role/r' }]),
    shared: text,
    ids: fc.tuple(text, text),
  })
  .map(({ shared, ids, recipients, resources, ...rest }) => ({
    ...rest,
    resources,
    resourcesJson: resources.length === 0 ? null : '[{"type":"AWS::IAM::Role"}]',
    recipients,
    eventIds: recipients.length === 1 ? [ids[0]] : [ids[0], ids[1]],
    sharedEventId: recipients.length === 1 ? null : shared,
  }));

function roundTrip(writer: DraftLineWriter, drafts: readonly AuditDraft[]): AuditDraft[] {
  const text = drafts.map((one) => writer.line(one)).join('');
  writer.reset();
  return readDraftLines(text);
}

describe('draft lines', () => {
  it('read back as the drafts written, batch after batch', () => {
    const writer = new DraftLineWriter();
    fc.assert(
      fc.property(fc.array(fc.array(draft, { maxLength: 8 }), { maxLength: 4 }), (batches) => {
        for (const batch of batches) expect(roundTrip(writer, batch)).toEqual(batch);
      }),
      { numRuns: 300 },
    );
  });

  it('so the thread builds the records the event loop would', () => {
    const writer = new DraftLineWriter();
    fc.assert(
      fc.property(fc.array(draft, { minLength: 1, maxLength: 6 }), (batch) => {
        const read = roundTrip(writer, batch);
        const text = (drafts: readonly AuditDraft[]) => drafts.flatMap(eventsOfDraft).map((event) => event.recordJson);
        expect(text(read)).toEqual(text(batch));
      }),
      { numRuns: 100 },
    );
  });

  it('sends a context once while it does not change, and again after a reset', () => {
    const writer = new DraftLineWriter();
    const sample = fc.sample(draft, { numRuns: 1, seed: 7 })[0] as AuditDraft;
    const plain = { ...sample, errorCode: null, errorMessage: null, requestJson: 'null', responseJson: 'null' };
    const one = { ...plain, recipients: ['111122223333'], eventIds: ['e1'], sharedEventId: null };
    const first = writer.line(one);
    const second = writer.line({ ...one, requestId: 'r2', eventIds: ['e2'] });
    expect(first.startsWith('[0,0,')).toBe(true);
    expect(second).toBe(`[1,0,${one.time.getTime()},"r2","e2"]\n`);
    writer.reset();
    expect(writer.line(one)).toBe(first);
  });

  it('refuses a batch that refers to a context it does not define', () => {
    expect(() => readDraftLines('[1,0,0,"r","e"]\n')).toThrow(/does not define/);
  });
});

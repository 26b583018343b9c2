import { describe, expect, it } from 'vitest';
import { denyMessage } from './deny-message.js';

const who = 'arn:aws:iam::000000000000:user/bob';

describe('denyMessage', () => {
  it('explains an implicit deny by the layer that did not allow', () => {
    expect(
      denyMessage(who, 's3:GetObject', 'arn:aws:s3:::b/k', {
        outcome: 'ImplicitDeny',
        reason: { kind: 'implicit', layer: 'identity' },
        matched: [],
        missingKeys: [],
      }),
    ).toBe(
      'User: arn:aws:iam::000000000000:user/bob is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action',
    );
  });

  it('explains an explicit deny by the layer that denied', () => {
    expect(
      denyMessage(who, 'iam:GetRole', 'arn:aws:iam::000000000000:role/r', {
        outcome: 'ExplicitDeny',
        reason: { kind: 'explicit', layer: 'boundary' },
        matched: [],
        missingKeys: [],
      }),
    ).toBe(
      'User: arn:aws:iam::000000000000:user/bob is not authorized to perform: iam:GetRole on resource: arn:aws:iam::000000000000:role/r with an explicit deny in a permissions boundary',
    );
  });
});

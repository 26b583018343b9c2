import { describe, expect, it } from 'vitest';
import { ArnView, splitArn } from './arn-fields.js';

describe('splitArn', () => {
  it('splits at the first five colons only', () => {
    expect(splitArn('arn:aws:logs:us-east-1:111122223333:log-group:g:*')).toEqual([
      'arn',
      'aws',
      'logs',
      'us-east-1',
      '111122223333',
      'log-group:g:*',
    ]);
    expect(splitArn('arn:aws:s3::')).toBeUndefined();
    expect(splitArn('urn:aws:s3:::b')).toBeUndefined();
  });
});

describe('ArnView', () => {
  it('finds the colon positions once, without slicing', () => {
    const v = new ArnView('arn:aws:s3:::b/k:x');
    expect(v.isArn()).toBe(true);
    expect([v.c2, v.c3, v.c4, v.c5]).toEqual([7, 10, 11, 12]);
    expect(new ArnView('*').isArn()).toBe(false);
    expect(new ArnView('arn:aws:s3:b').isArn()).toBe(false);
  });

  it('remembers the answer for the last head tested', () => {
    const v = new ArnView('arn:aws:s3:::b/k');
    let calls = 0;
    const test = (view: ArnView) => {
      calls++;
      return view.resource.startsWith('arn:aws:s3:::');
    };
    expect(v.matchesHead('arn:aws:s3:::', test)).toBe(true);
    expect(v.matchesHead('arn:aws:s3:::', test)).toBe(true);
    expect(calls).toBe(1);
    expect(v.matchesHead('arn:aws:sqs:::', () => false)).toBe(false);
  });

  it('computes the resource key up to the first slash of the resource field', () => {
    expect(new ArnView('arn:aws:s3:::bucket/a/b').resourceKey()).toBe('arn:aws:s3:::bucket');
    expect(new ArnView('arn:aws:s3:::bucket').resourceKey()).toBe('arn:aws:s3:::bucket');
    expect(new ArnView('arn:aws:iam::111122223333:role/p/r').resourceKey()).toBe('arn:aws:iam::111122223333:role');
    expect(new ArnView('*').resourceKey()).toBeUndefined();
  });
});

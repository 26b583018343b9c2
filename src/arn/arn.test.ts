import { describe, expect, it } from 'vitest';
import { formatArn, parseArn } from './index.js';

describe('parseArn', () => {
  it('splits an IAM role ARN with a path', () => {
    expect(parseArn('arn:aws:iam::123456789012:role/app/reader')).toEqual({
      partition: 'aws',
      service: 'iam',
      region: '',
      account: '123456789012',
      resource: 'role/app/reader',
    });
  });

  it('keeps colons and slashes of the resource part', () => {
    const arn = parseArn('arn:aws:s3:::bucket/dir/key:with:colons');
    expect(arn?.resource).toBe('bucket/dir/key:with:colons');
    expect(parseArn('arn:aws:sts::000000000000:assumed-role/r/s')?.resource).toBe('assumed-role/r/s');
    expect(parseArn('arn:aws:logs:us-east-1:123456789012:log-group:g:*')).toMatchObject({
      region: 'us-east-1',
      resource: 'log-group:g:*',
    });
  });

  it('accepts other partitions', () => {
    expect(parseArn('arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-1')?.partition).toBe('aws-cn');
  });

  it.each([
    '',
    'arn',
    'arn:aws:iam::123456789012',
    'arn:aws:iam:123456789012:role/x',
    'urn:aws:iam::123456789012:role/x',
    'ARN:aws:iam::123456789012:role/x',
    'arn::iam::123456789012:role/x',
    'arn:aws:::123456789012:role/x',
    'arn:aws:iam::123456789012:',
  ])('rejects malformed %j', (text) => {
    expect(parseArn(text)).toBeUndefined();
  });
});

describe('formatArn', () => {
  it.each([
    'arn:aws:iam::123456789012:role/app/reader',
    'arn:aws:s3:::bucket',
    'arn:aws:s3:::bucket/a/b:c',
    'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
  ])('round-trips %s', (text) => {
    const arn = parseArn(text);
    expect(arn).toBeDefined();
    expect(formatArn(arn!)).toBe(text);
  });

  it('formats fields it was given', () => {
    expect(
      formatArn({
        partition: 'aws',
        service: 'sts',
        region: '',
        account: '000000000000',
        resource: 'federated-user/bob',
      }),
    ).toBe('arn:aws:sts::000000000000:federated-user/bob');
  });
});

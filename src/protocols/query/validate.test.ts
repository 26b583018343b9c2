import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/errors.js';
import { loadServiceModel } from '../service-model.js';
import { decodeQueryRequest } from './decode-request.js';

const sts = loadServiceModel('sts');
const iam = loadServiceModel('iam');
const ROLE_ARN = 'arn:aws:iam::000000000000:role/ec2-s3-access-role';

function messageOf(model: typeof sts, fields: Record<string, string>): string {
  try {
    decodeQueryRequest(model, new URLSearchParams(fields));
  } catch (err) {
    if (err instanceof AwsError && err.code === 'ValidationError') return err.message;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

const assumeRole = (extra: Record<string, string>) =>
  messageOf(sts, { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ROLE_ARN, RoleSessionName: 's1', ...extra });

describe('Query validation messages', () => {
  it('reports a string that is too long', () => {
    const name = 'a'.repeat(65);
    expect(assumeRole({ RoleSessionName: name })).toBe(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('reports a string that is too short', () => {
    expect(assumeRole({ RoleSessionName: 'a' })).toBe(
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('reports a pattern mismatch with the model pattern', () => {
    expect(assumeRole({ RoleSessionName: 'bad/name' })).toBe(
      "1 validation error detected: Value 'bad/name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('reports a missing required member as null', () => {
    expect(messageOf(sts, { Action: 'AssumeRole', Version: '2011-06-15', RoleSessionName: 's1' })).toBe(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reports pattern before length for one member, and counts several errors', () => {
    expect(assumeRole({ RoleArn: '' })).toBe(
      "2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
        '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+; ' +
        "Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
  });

  it('counts length in code points, not UTF-16 units', () => {
    const ok = `arn:aws:iam::000000000000:role/${'é'.repeat(2017)}`;
    expect(ok.length).toBe(2048);
    expect(() =>
      decodeQueryRequest(
        sts,
        new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: ok, RoleSessionName: 's1' }),
      ),
    ).not.toThrow();
  });

  it('reports numeric ranges', () => {
    expect(assumeRole({ DurationSeconds: '899' })).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect(assumeRole({ DurationSeconds: '43201' })).toBe(
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
  });

  it('rejects numbers that are not 32-bit integers', () => {
    for (const bad of ['abc', '900.0', '', '2147483648']) {
      expect(assumeRole({ DurationSeconds: bad })).toBe(
        `1 validation error detected: Value '${bad}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`,
      );
    }
  });

  it('reports enum violations with the value set', () => {
    expect(
      messageOf(iam, {
        Action: 'UpdateAccessKey',
        Version: '2010-05-08',
        AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        Status: 'On',
      }),
    ).toBe(
      "1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    );
  });

  it('names nested members by position and lowerCamelCase', () => {
    expect(assumeRole({ 'Tags.member.1.Key': 'k'.repeat(129), 'Tags.member.1.Value': 'v' })).toBe(
      `1 validation error detected: Value '${'k'.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
    expect(assumeRole({ 'Tags.member.1.Key': 'k' })).toBe(
      "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reports list sizes', () => {
    const tags: Record<string, string> = {};
    for (let i = 1; i <= 51; i += 1) {
      tags[`Tags.member.${i}.Key`] = `k${i}`;
      tags[`Tags.member.${i}.Value`] = 'v';
    }
    expect(assumeRole(tags)).toBe(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
  });

  it('joins errors across members with "; "', () => {
    expect(messageOf(sts, { Action: 'AssumeRole', Version: '2011-06-15', RoleSessionName: 'a' })).toBe(
      "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; " +
        "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('never echoes a sensitive member', () => {
    const message = messageOf(sts, {
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: ROLE_ARN,
      RoleSessionName: 's1',
      WebIdentityToken: 'zq9',
    });
    expect(message).toBe(
      "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4",
    );
    expect(message).not.toContain('zq9');
  });
});

import { describe, expect, it } from 'vitest';
import { allowedServices, serviceNameOf } from './last-accessed-services.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const served = ['cloudtrail', 'ec2', 'iam', 's3', 'sts'];

describe('allowedServices', () => {
  it('lists the services Allow statements name, with the actions named without wildcards', () => {
    const allowed = allowedServices([
      doc({ Effect: 'Allow', Action: ['s3:GetObject', 'S3:List*'], Resource: '*' }),
      doc({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*', Condition: { Bool: { 'aws:X': 'true' } } }),
      doc({ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }),
    ]);
    expect([...allowed.namespaces].sort()).toEqual(['dynamodb', 's3']);
    expect([...allowed.actions].sort()).toEqual(['dynamodb:GetItem', 's3:GetObject']);
  });

  it('reads *, a wildcard prefix and NotAction as allowing every service iamd serves', () => {
    for (const statement of [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Allow', Action: 's*:Get*', Resource: '*' },
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    ]) {
      expect([...allowedServices([doc(statement)]).namespaces].sort()).toEqual(served);
    }
  });

  it('allows nothing from a document that does not parse', () => {
    expect(allowedServices(['{not json']).namespaces.size).toBe(0);
  });

  it('names served services as AWS does, and others by their prefix', () => {
    expect(serviceNameOf('iam')).toBe('AWS Identity and Access Management');
    expect(serviceNameOf('dynamodb')).toBe('dynamodb');
  });
});

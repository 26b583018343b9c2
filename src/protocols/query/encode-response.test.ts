import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/errors.js';
import { loadServiceModel } from '../service-model.js';
import { encodeQueryError, encodeQueryResponse } from './encode-response.js';

const sts = loadServiceModel('sts');
const iam = loadServiceModel('iam');

const read = (xml: string): unknown =>
  new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    htmlEntities: true,
    isArray: (name) => name === 'member',
  }).parse(xml, true);

/** Walks a parsed document: `at(doc, 'A', 'B')` is `doc.A.B`. */
const at = (node: unknown, ...path: string[]): unknown =>
  path.reduce((current, key) => (current as Record<string, unknown>)[key], node);

const expiration = new Date(Date.UTC(2026, 10, 28, 14, 0, 0, 500));

describe('encodeQueryResponse', () => {
  it('writes the AssumeRole envelope in model order with whole-second timestamps', () => {
    const xml = encodeQueryResponse(
      sts,
      'AssumeRole',
      {
        PackedPolicySize: 6,
        AssumedRoleUser: { Arn: 'arn:aws:sts::000000000000:assumed-role/r/s1', AssumedRoleId: 'AROAEXAMPLE:s1' },
        Credentials: {
          AccessKeyId: 'ASIAEXAMPLE',
          SecretAccessKey: 'secret/with+chars&<>',
          SessionToken: 'token',
          Expiration: expiration,
        },
        NotInModel: 'ignored',
      },
      'req-1',
    );
    expect(
      xml.startsWith(
        '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>',
      ),
    ).toBe(true);
    expect(xml).toContain('<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s1</AssumedRoleId><Arn>');
    expect(xml).not.toContain('NotInModel');
    const doc = at(read(xml), 'AssumeRoleResponse');
    expect(at(doc, '@_xmlns')).toBe('https://sts.amazonaws.com/doc/2011-06-15/');
    expect(at(doc, 'AssumeRoleResult', 'Credentials')).toEqual({
      AccessKeyId: 'ASIAEXAMPLE',
      SecretAccessKey: 'secret/with+chars&<>',
      SessionToken: 'token',
      Expiration: '2026-11-28T14:00:00Z',
    });
    expect(at(doc, 'AssumeRoleResult', 'PackedPolicySize')).toBe('6');
    expect(at(doc, 'ResponseMetadata')).toEqual({ RequestId: 'req-1' });
  });

  it('writes lists as member elements and omits absent members', () => {
    const xml = encodeQueryResponse(
      iam,
      'GetRole',
      {
        Role: {
          Path: '/',
          RoleName: 'r',
          RoleId: 'AROAEXAMPLEEXAMPLE1',
          Arn: 'arn:aws:iam::000000000000:role/r',
          CreateDate: expiration,
          MaxSessionDuration: 3600,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: '2' },
          ],
          Description: undefined,
        },
      },
      'req-2',
    );
    const role = at(read(xml), 'GetRoleResponse', 'GetRoleResult', 'Role') as Record<string, unknown>;
    expect(at(role, 'Tags', 'member')).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    expect(role['CreateDate']).toBe('2026-11-28T14:00:00Z');
    expect('Description' in role).toBe(false);
    expect(xml).toContain('<Tags><member><Key>a</Key>');
  });

  it('writes booleans and empty lists', () => {
    const xml = encodeQueryResponse(iam, 'ListRoles', { Roles: [], IsTruncated: false }, 'req-3');
    expect(xml).toContain('<ListRolesResult><Roles></Roles><IsTruncated>false</IsTruncated></ListRolesResult>');
  });

  it('writes maps as entry/key/value', () => {
    const xml = encodeQueryResponse(iam, 'GetAccountSummary', { SummaryMap: { Roles: 3, RolesQuota: 1000 } }, 'r');
    expect(xml).toContain(
      '<SummaryMap><entry><key>Roles</key><value>3</value></entry><entry><key>RolesQuota</key><value>1000</value></entry></SummaryMap>',
    );
  });

  it('has no Result element for operations without output', () => {
    expect(encodeQueryResponse(iam, 'AttachRolePolicy', undefined, 'req-4')).toBe(
      '<AttachRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>req-4</RequestId></ResponseMetadata></AttachRolePolicyResponse>',
    );
  });

  it('rejects an operation the model lacks', () => {
    expect(() => encodeQueryResponse(sts, 'Nope', {}, 'r')).toThrow(/no operation Nope/);
  });
});

describe('encodeQueryError', () => {
  it('writes the ErrorResponse envelope', () => {
    const xml = encodeQueryError(iam, new AwsError('NoSuchEntity', 'The role with name <x> cannot be found.'), 'req-5');
    expect(xml).toBe(
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
        '<Message>The role with name &lt;x&gt; cannot be found.</Message></Error><RequestId>req-5</RequestId></ErrorResponse>',
    );
    expect(at(read(xml), 'ErrorResponse', 'Error', 'Message')).toBe('The role with name <x> cannot be found.');
  });

  it('marks server faults as Receiver', () => {
    const doc = at(read(encodeQueryError(sts, new AwsError('InternalFailure'), 'req-6')), 'ErrorResponse');
    expect(at(doc, 'Error', 'Type')).toBe('Receiver');
    expect(at(doc, 'Error', 'Code')).toBe('InternalFailure');
    expect(at(doc, 'RequestId')).toBe('req-6');
  });
});

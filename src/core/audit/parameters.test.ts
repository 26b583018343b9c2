import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JsonPieces } from './json-pieces.js';
import { elementDate, isOmittedMember, writeElements } from './parameters.js';

/** The recorded JSON, `'null'` when nothing is recorded. */
function elementsJson(value: unknown, leading?: readonly (readonly [string, unknown])[]): string {
  const out = new JsonPieces();
  out.start();
  writeElements(value, out, leading);
  return out.join();
}

/**
 * The recorded form built as a tree the plain way, then serialised: what `elementsJson` writes directly must be
 * exactly this text.
 */
function oracle(value: unknown): string {
  const convert = (v: unknown): unknown => {
    if (v === null || v === undefined) return undefined;
    if (v instanceof Date) return elementDate(v);
    if (typeof v !== 'object') return v;
    if (v instanceof Uint8Array || typeof (v as { pipe?: unknown }).pipe === 'function') return undefined;
    if (Array.isArray(v)) return v.map(convert).filter((item) => item !== undefined);
    const out: Record<string, unknown> = {};
    for (const [member, item] of Object.entries(v)) {
      if (isOmittedMember(member)) continue;
      const converted = convert(item);
      if (converted !== undefined) out[member.charAt(0).toLowerCase() + member.slice(1)] = converted;
    }
    return out;
  };
  if (value === null || typeof value !== 'object') return 'null';
  const tree = convert(value);
  if (tree === undefined || Object.keys(tree as object).length === 0) return 'null';
  return JSON.stringify(tree);
}

const cases: Record<string, unknown> = {
  assumeRole: { RoleArn: 'arn:aws:iam::1:role/r', RoleSessionName: 's', DurationSeconds: 3600, TokenCode: '123456' },
  credentials: {
    Credentials: {
      AccessKeyId: 'ASIA',
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date('2021-05-13T19:55:05Z'),
    },
    AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn:aws:sts::1:assumed-role/r/s' },
    PackedPolicySize: 3,
  },
  nested: {
    Tags: [
      { Key: 'a', Value: 'é"\\\n\u0001\ud800' },
      { Key: 'b', Value: '' },
    ],
    Empty: {},
    EmptyList: [],
    Holes: [null, undefined, 1, { Password: 'x' }, [new Date(0)]],
    Numbers: [0, -0, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY],
    Flags: [true, false],
    Body: Buffer.from('payload'),
    Stream: Readable.from(['x']),
    Bytes: new Uint8Array(2),
    OnlySecrets: { NewPassword: 'p', OldPassword: 'q' },
    SAMLAssertionID: 'id',
  },
  onlySecrets: { Password: 'x', SessionToken: 'y' },
  empty: {},
};

describe('elementsJson', () => {
  for (const [name, value] of Object.entries(cases)) {
    it(`writes what serialising the recorded tree would (${name})`, () => {
      expect(elementsJson(value)).toBe(oracle(value));
    });
  }

  it('records nothing for what is not a structure', () => {
    for (const value of [null, undefined, 'text', 3, Buffer.from('x'), Readable.from(['x'])]) {
      expect(elementsJson(value)).toBe('null');
    }
  });

  it('never records a secret, however deep', () => {
    const json = elementsJson(cases.credentials);
    expect(json).not.toContain('secret');
    expect(json).not.toContain('token');
    expect(json).toContain('"expiration":"May 13, 2021, 7:55:05 PM"');
  });

  it('writes leading members first, skipping absent ones', () => {
    expect(
      elementsJson({ Prefix: 'p' }, [
        ['bucketName', 'b'],
        ['key', undefined],
      ]),
    ).toBe('{"bucketName":"b","prefix":"p"}');
    expect(elementsJson({}, [['bucketName', 'b']])).toBe('{"bucketName":"b"}');
    expect(elementsJson({}, [['key', undefined]])).toBe('null');
    expect(elementsJson(null, [['bucketName', 'b']])).toBe('{"bucketName":"b"}');
    expect(elementsJson({ Prefix: 'p', Password: 'x' }, [['bucketName', 'b']])).toBe('{"bucketName":"b","prefix":"p"}');
    expect(elementsJson({ Password: 'x' }, [['bucketName', 'b']])).toBe('{"bucketName":"b"}');
  });

  it('prints each date of its own second, whatever came before', () => {
    const base = Date.UTC(2021, 4, 13, 19, 55, 5);
    for (const ms of [base, base + 999, base + 1000, base - 1, base, 0, -1]) {
      expect(elementsJson({ Expiration: new Date(ms) })).toBe(`{"expiration":"${elementDate(new Date(ms))}"}`);
    }
    expect(elementDate(new Date(base + 999))).toBe('May 13, 2021, 7:55:05 PM');
  });

  it('refuses a bigint as JSON.stringify does', () => {
    expect(() => elementsJson({ Big: 1n })).toThrow(TypeError);
  });
});

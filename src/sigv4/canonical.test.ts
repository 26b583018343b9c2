import { describe, expect, it } from 'vitest';
import {
  canonicalHeaders,
  canonicalHeaderValue,
  canonicalPath,
  canonicalQuery,
  formatAmzDate,
  parseAmzDate,
  parseHttpDate,
  percentDecode,
  queryParameters,
  uriEncode,
} from './index.js';

describe('uriEncode / percentDecode', () => {
  it('leaves only the RFC 3986 unreserved set alone, with upper-case hex', () => {
    expect(uriEncode("AZaz09-._~ !'()*+,/:;=?@[]%")).toBe(
      'AZaz09-._~%20%21%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40%5B%5D%25',
    );
    expect(uriEncode('a/b c', false)).toBe('a/b%20c');
    expect(uriEncode('ሴ')).toBe('%E1%88%B4');
    expect(uriEncode(new Uint8Array([0x00, 0xff]))).toBe('%00%FF');
  });

  it('decodes byte-wise and leniently', () => {
    expect(Buffer.from(percentDecode('%e1%88%B4+%zz%4')).toString('latin1')).toBe('\xe1\x88\xb4+%zz%4');
    expect(Buffer.from(percentDecode('ሴ')).toString('utf8')).toBe('ሴ');
  });
});

describe('canonicalPath', () => {
  it.each([
    ['', true, '/'],
    ['/', true, '/'],
    ['//example//', true, '/example/'],
    ['/./a/../b/', true, '/b/'],
    ['/a/b/../../..', true, '/'],
    ['/a%2Fb/c%20d', true, '/a%252Fb/c%2520d'],
    ['/a b', true, '/a%20b'],
    ['', false, '/'],
    ['//example/./../x%2Fy', false, '//example/./../x%2Fy'],
  ])('%j (normalize %s) → %j', (path, normalize, expected) => {
    expect(canonicalPath(path, normalize)).toBe(expected);
  });
});

describe('canonicalQuery', () => {
  it('sorts by name, then value, after re-encoding', () => {
    expect(canonicalQuery('b=2&a=z&a=y&A=1')).toBe('A=1&a=y&a=z&b=2');
  });

  it('does not depend on how the client spelled its escapes', () => {
    const forms = ['k=%7E%2f%20', 'k=~%2F%20', 'k=%7e/%20'];
    for (const form of forms) expect(canonicalQuery(form)).toBe('k=~%2F%20');
  });

  it('keeps "+" literal, gives bare names an empty value and skips empty pairs', () => {
    expect(canonicalQuery('a+b=c+d&flag&&x=')).toBe('a%2Bb=c%2Bd&flag=&x=');
  });

  it('returns a single plain pair as it is, and still canonicalises the near misses', () => {
    expect(canonicalQuery('x-id=GetObject')).toBe('x-id=GetObject');
    expect(canonicalQuery('uploads=')).toBe('uploads=');
    expect(canonicalQuery('uploads')).toBe('uploads=');
    expect(canonicalQuery('k=a+b')).toBe('k=a%2Bb');
    expect(canonicalQuery('k=%41')).toBe('k=A');
    expect(canonicalQuery('k=v&')).toBe('k=v');
    expect(canonicalQuery('X-Amz-Signature=ab', ['X-Amz-Signature'])).toBe('');
  });

  it('omits named parameters by their decoded name', () => {
    expect(canonicalQuery('X-Amz-Signature=ab&X%2DAmz%2DDate=1&b=2', ['X-Amz-Signature'])).toBe('X-Amz-Date=1&b=2');
  });

  it('decodes parameters, first occurrence winning', () => {
    const params = queryParameters('X-Amz-Credential=AKID%2F2015&a=1&a=2&empty&u=%E1%88%B4');
    expect(Object.fromEntries(params)).toEqual({ 'X-Amz-Credential': 'AKID/2015', a: '1', empty: '', u: 'ሴ' });
  });
});

describe('canonicalHeaders', () => {
  it('trims, collapses whitespace runs, and joins repeated values with ","', () => {
    const headers = { a: '  x   y\t z ', b: ['v2', ' v1 '], c: 'line1\n  line2' };
    expect(canonicalHeaderValue(headers, 'a')).toBe('x y z');
    expect(canonicalHeaderValue(headers, 'b')).toBe('v2,v1');
    expect(canonicalHeaderValue(headers, 'c')).toBe('line1 line2');
    expect(canonicalHeaderValue(headers, 'missing')).toBeUndefined();
  });

  it('leaves non-ASCII whitespace (latin1 0xA0 inside UTF-8 bytes) untouched', () => {
    const latin1OfUtf8 = Buffer.from('voilà', 'utf8').toString('latin1');
    expect(canonicalHeaderValue({ m: latin1OfUtf8 }, 'm')).toBe(latin1OfUtf8);
  });

  it('lists signed headers in the given order, absent ones empty', () => {
    expect(canonicalHeaders({ host: 'h', 'x-amz-date': 'd' }, ['host', 'x-amz-date', 'x-absent'])).toBe(
      'host:h\nx-amz-date:d\nx-absent:\n',
    );
  });
});

describe('amz-date', () => {
  it('parses and formats the basic ISO 8601 form', () => {
    expect(parseAmzDate('20150830T123600Z')).toEqual(new Date('2015-08-30T12:36:00Z'));
    expect(formatAmzDate(new Date('2015-08-30T12:36:00.999Z'))).toBe('20150830T123600Z');
    expect(parseAmzDate('20150231T000000Z')).toBeUndefined();
    expect(parseAmzDate(' 20150830T123600Z')).toBeUndefined();
  });

  it('knows the calendar: month lengths, leap years, and no two-digit years', () => {
    expect(parseAmzDate('20240229T000000Z')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(parseAmzDate('20000229T000000Z')).toEqual(new Date('2000-02-29T00:00:00Z'));
    expect(parseAmzDate('21000229T000000Z')).toBeUndefined();
    expect(parseAmzDate('20230229T000000Z')).toBeUndefined();
    expect(parseAmzDate('20150431T000000Z')).toBeUndefined();
    expect(parseAmzDate('20151231T235959Z')).toEqual(new Date('2015-12-31T23:59:59Z'));
    expect(parseAmzDate('20151301T000000Z')).toBeUndefined();
    expect(parseAmzDate('20150100T000000Z')).toBeUndefined();
    expect(parseAmzDate('00990101T000000Z')).toBeUndefined();
    expect(parseAmzDate('20150101T240000Z')).toBeUndefined();
    expect(parseAmzDate('20150101T006000Z')).toBeUndefined();
  });

  it('parses only IMF-fixdate HTTP dates', () => {
    expect(parseHttpDate('Fri, 24 May 2013 00:00:00 GMT')).toEqual(new Date('2013-05-24T00:00:00Z'));
    expect(parseHttpDate('Friday, 24-May-13 00:00:00 GMT')).toBeUndefined();
    expect(parseHttpDate('Sat, 31 Feb 2013 00:00:00 GMT')).toBeUndefined();
  });
});

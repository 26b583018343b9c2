import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json.js';

describe('parseJson', () => {
  it('parses every JSON value type, objects as Maps', () => {
    const r = parseJson(' {"a": [1, -2.5e2, "x", true, false, null], "b": {}} ');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const top = r.value as ReadonlyMap<string, unknown>;
    expect(top).toBeInstanceOf(Map);
    expect(top.get('a')).toEqual([1, -250, 'x', true, false, null]);
    expect(top.get('b')).toEqual(new Map());
  });

  it('decodes string escapes', () => {
    const r = parseJson('"a\\"b\\\\c\\/d\\n\\t\\u00e9"');
    expect(r).toEqual({ ok: true, value: 'a"b\\c/d\n\té' });
  });

  it('rejects duplicate keys at any depth, unlike JSON.parse', () => {
    expect(parseJson('{"a":1,"a":2}')).toEqual({ ok: false, reason: 'duplicate-key', offset: 7 });
    const nested = '{"Condition":{"StringEquals":{"k":"a"},"StringEquals":{"k":"b"}}}';
    expect(JSON.parse(nested)).toBeTruthy();
    expect(parseJson(nested)).toMatchObject({ ok: false, reason: 'duplicate-key' });
  });

  it('keeps keys that differ only in case', () => {
    const r = parseJson('{"Effect":"Allow","effect":"Deny"}');
    expect(r.ok).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['{', 'unterminated object'],
    ['{"a":1,}', 'trailing comma'],
    ["{'a':1}", 'single quotes'],
    ['[1 2]', 'missing comma'],
    ['01', 'leading zero'],
    ['"a\nb"', 'raw control character'],
    ['"\\x"', 'bad escape'],
    ['{"a":1} x', 'trailing content'],
    ['NaN', 'not JSON'],
  ])('rejects %j (%s)', (text) => {
    expect(parseJson(text)).toMatchObject({ ok: false, reason: 'syntax' });
  });

  it('rejects pathological nesting instead of overflowing the stack', () => {
    expect(parseJson('['.repeat(10_000))).toMatchObject({ ok: false, reason: 'too-deep' });
  });
});

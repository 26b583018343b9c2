import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, escapeXmlText } from './escape.js';

const parse = (xml: string): unknown =>
  new XMLParser({ htmlEntities: true, trimValues: false, parseTagValue: false }).parse(xml);

describe('escapeXml', () => {
  it('escapes the five predefined entities', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  });

  it('returns clean strings unchanged', () => {
    expect(escapeXml('plain text ✓ 😀')).toBe('plain text ✓ 😀');
  });

  it('writes CR, LF and TAB as character references in attributes', () => {
    expect(escapeXml('a\r\n\tb')).toBe('a&#13;&#10;&#9;b');
  });

  it('replaces characters XML 1.0 forbids, keeping valid surrogate pairs', () => {
    expect(escapeXml('a\u0000b\u001Fc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeXml('x\uDC00y')).toBe('x\uFFFDy');
    expect(escapeXml('\uD83D\uDE00')).toBe('\uD83D\uDE00');
  });
});

describe('escapeXmlText', () => {
  it('keeps LF and TAB literal but protects CR from newline normalisation', () => {
    expect(escapeXmlText('{\n\t"a": 1\r\n}')).toBe('{\n\t&quot;a&quot;: 1&#13;\n}');
  });

  it('round-trips through an XML parser', () => {
    const value = `policy <"x"> & 'y'\r\n\tz`;
    expect(parse(`<A>${escapeXmlText(value)}</A>`)).toEqual({ A: value });
  });
});

describe('escaping every UTF-16 code unit', () => {
  const ENTITIES: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;',
    '\r': '&#13;',
    '\n': '&#10;',
    '\t': '&#9;',
  };
  /** What XML 1.0 §2.2 does not allow, written as U+FFFD (a lone surrogate here, with plain text around it). */
  const forbidden = (code: number) =>
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0xfffe ||
    code === 0xffff;

  it('escapes, replaces or keeps each one, in a plain string, exactly as the rules say', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      const inAttribute = ENTITIES[ch] ?? (forbidden(code) ? '\uFFFD' : ch);
      const inText = ch === '\n' || ch === '\t' ? ch : inAttribute;
      expect(escapeXml(`ab${ch}cd`)).toBe(`ab${inAttribute}cd`);
      expect(escapeXmlText(`ab${ch}cd`)).toBe(`ab${inText}cd`);
    }
  });
});

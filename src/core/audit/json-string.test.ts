import { describe, expect, it } from 'vitest';
import { jsonString } from './json-string.js';

describe('jsonString', () => {
  it('writes every UTF-16 code unit, in a plain string, exactly as JSON.stringify does', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const text = `ab${String.fromCharCode(code)}cd`;
      expect(jsonString(text)).toBe(JSON.stringify(text));
    }
  });

  it('keeps surrogate pairs and escapes lone surrogates as JSON.stringify does', () => {
    for (const text of ['😀', '\ud83d', '\ude00x', 'x\ud83d\ude00\ud83d', '']) {
      expect(jsonString(text)).toBe(JSON.stringify(text));
    }
  });
});

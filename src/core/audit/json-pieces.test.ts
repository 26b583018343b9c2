import { describe, expect, it } from 'vitest';
import { JsonPieces } from './json-pieces.js';

describe('JsonPieces', () => {
  it('joins each text from its own pieces only, however long the text before it was', () => {
    const pieces = new JsonPieces();
    pieces.start();
    for (let i = 0; i < 100; i++) pieces.add(String(i % 10));
    expect(pieces.join()).toHaveLength(100);
    pieces.start();
    pieces.add('{"a":');
    pieces.addString('x"y');
    pieces.add('}');
    expect(pieces.join()).toBe('{"a":"x\\"y"}');
    expect(JSON.parse(pieces.join())).toEqual({ a: 'x"y' });
    pieces.start();
    expect(pieces.join()).toBe('');
  });

  it('writes string literals exactly as JSON.stringify does', () => {
    const pieces = new JsonPieces();
    for (const text of ['plain', '', 'é', '\n', '\u0000', '\ud800', '😀', 'a\\b']) {
      pieces.start();
      pieces.addString(text);
      expect(pieces.join()).toBe(JSON.stringify(text));
    }
  });
});

/**
 * @module core/audit/json-pieces
 * The pieces of one record's JSON text, joined once at the end. A record is some seventy pieces; a fresh array per
 * record regrew three times on the way (1.6 KB of garbage per record, a third of what building one made), so one
 * array is reused from record to record and only overwritten.
 */

import { needsJsonEscape } from './json-string.js';

/**
 * Pieces of a JSON text. `start` empties it; `join` returns the text. Not reentrant: one text at a time.
 *
 * @example
 * const pieces = new JsonPieces();
 * pieces.start();
 * pieces.add('{"userName":');
 * pieces.addString('alice');
 * pieces.add('}');
 * pieces.join(); // '{"userName":"alice"}'
 */
export class JsonPieces {
  readonly #parts: string[] = [];
  #length = 0;
  /** How many entries of `#parts` the last text used: the ones past this text's end are emptied before joining. */
  #used = 0;

  /** Empties the pieces for a new text. */
  start(): void {
    this.#length = 0;
  }

  /** Appends one piece of JSON. */
  add(piece: string): void {
    this.#parts[this.#length++] = piece;
  }

  /** Appends `text` as a JSON string literal, exactly as `JSON.stringify` writes it (the quotes as pieces of their own). */
  addString(text: string): void {
    if (needsJsonEscape(text)) {
      this.add(JSON.stringify(text));
      return;
    }
    this.add('"');
    this.add(text);
    this.add('"');
  }

  /** The text: every piece in order. */
  join(): string {
    const parts = this.#parts;
    for (let i = this.#length; i < this.#used; i++) parts[i] = '';
    this.#used = this.#length;
    return parts.join('');
  }
}

/**
 * @module storage/memory/string-ids
 * Small numbers for strings that repeat (account ids, event names, principals' names and keys), so the memory audit
 * store keeps a record's lookup columns in typed arrays: numbers in a typed array are nothing to the garbage
 * collector, where a string or object per record made every major collection mark hundreds of thousands of them.
 */

/**
 * A string table: `idOf` gives each distinct string a number (0 stands for no string). Numbers are never reused;
 * the owner replaces a table that has grown past what it still refers to (`compact` in audit-ring.ts).
 *
 * @example
 * const ids = new StringIds();
 * ids.idOf('GetRole'); // 1
 * ids.find('GetRole'); // 1
 * ids.value(1); // 'GetRole'
 */
export class StringIds {
  readonly #ids = new Map<string, number>();
  readonly #values: (string | undefined)[] = [undefined];

  /** How many strings have a number. */
  get size(): number {
    return this.#ids.size;
  }

  /** The number of `value`, given one if it has none; 0 for `undefined`. */
  idOf(value: string | undefined): number {
    if (value === undefined) return 0;
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#values.length;
      this.#ids.set(value, id);
      this.#values.push(value);
    }
    return id;
  }

  /** The number of `value` if it has one (0 for `undefined`), without giving it one. */
  find(value: string | undefined): number | undefined {
    return value === undefined ? 0 : this.#ids.get(value);
  }

  /** The string numbered `id`. */
  value(id: number): string | undefined {
    return this.#values[id];
  }
}

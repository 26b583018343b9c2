/**
 * @module policy/grammar/parse-json
 * A strict RFC 8259 JSON parser that rejects duplicate object keys. `JSON.parse` keeps the last of two equal
 * keys silently, while IAM rejects such documents (IAM-SEMANTICS.md §4.16, tricky case 23), so policies are
 * parsed here. Objects come back as `Map`s, which keeps "object" and "array" apart without prototype tricks.
 */

/** A parsed JSON value; objects are `Map`s in document order. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/** A parsed JSON object. */
export type JsonObject = ReadonlyMap<string, JsonValue>;

/** The outcome of {@link parseJson}. */
export type JsonResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly reason: 'syntax' | 'duplicate-key' | 'too-deep'; readonly offset: number };

/** Policies nest at most five levels (document → Statement → Condition → operator → values); leave headroom. */
const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonFailure {
  readonly reason: 'syntax' | 'duplicate-key' | 'too-deep';
  readonly offset: number;
  constructor(reason: 'syntax' | 'duplicate-key' | 'too-deep', offset: number) {
    this.reason = reason;
    this.offset = offset;
  }
}

/**
 * Parses `text` as one JSON value, rejecting duplicate keys, trailing content and nesting deeper than 64.
 * @example
 * parseJson('{"a":1,"a":2}'); // { ok: false, reason: 'duplicate-key', offset: 7 }
 */
export function parseJson(text: string): JsonResult {
  const reader = new Reader(text);
  try {
    const value = reader.value(0);
    reader.skipSpace();
    if (reader.pos !== text.length) return { ok: false, reason: 'syntax', offset: reader.pos };
    return { ok: true, value };
  } catch (err) {
    if (err instanceof JsonFailure) return { ok: false, reason: err.reason, offset: err.offset };
    throw err;
  }
}

class Reader {
  readonly #text: string;
  pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  skipSpace(): void {
    const t = this.#text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new JsonFailure('too-deep', this.pos);
    this.skipSpace();
    const c = this.#text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (this.literal('true')) return true;
    if (this.literal('false')) return false;
    if (this.literal('null')) return null;
    return this.number();
  }

  object(depth: number): JsonObject {
    const out = new Map<string, JsonValue>();
    this.pos++;
    this.skipSpace();
    if (this.#text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.pos;
      if (this.#text[this.pos] !== '"') throw new JsonFailure('syntax', this.pos);
      const key = this.string();
      if (out.has(key)) throw new JsonFailure('duplicate-key', keyAt);
      this.expect(':');
      out.set(key, this.value(depth + 1));
      if (this.next(',')) continue;
      this.expect('}');
      return out;
    }
  }

  array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.#text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      if (this.next(',')) continue;
      this.expect(']');
      return out;
    }
  }

  string(): string {
    const t = this.#text;
    let out = '';
    let start = ++this.pos;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos++);
        return out;
      }
      if (c < 0x20) throw new JsonFailure('syntax', this.pos);
      if (c === 0x5c) {
        out += t.slice(start, this.pos);
        out += this.escape();
        start = this.pos;
        continue;
      }
      this.pos++;
    }
    throw new JsonFailure('syntax', this.pos);
  }

  escape(): string {
    const t = this.#text;
    const e = t[this.pos + 1] ?? '';
    if (e === 'u') {
      const hex = t.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonFailure('syntax', this.pos);
      this.pos += 6;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const mapped = ESCAPES[e];
    if (mapped === undefined) throw new JsonFailure('syntax', this.pos);
    this.pos += 2;
    return mapped;
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.#text);
    if (m === null) throw new JsonFailure('syntax', this.pos);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  literal(word: string): boolean {
    if (!this.#text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  next(ch: string): boolean {
    this.skipSpace();
    if (this.#text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  expect(ch: string): void {
    if (!this.next(ch)) throw new JsonFailure('syntax', this.pos);
  }
}

/**
 * @module storage/sql/codec
 * Conversions between entity values and column values (see ./schema.ts for the conventions).
 */

/** A `Date` as stored: ISO-8601 text with milliseconds, which sorts chronologically. */
export function toIso(date: Date): string {
  return date.toISOString();
}

export function fromIso(text: string): Date {
  return new Date(text);
}

/** JSON text of a stored structure (tags, metadata, checksums). */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Parses JSON text this adapter wrote; the type is the one the column was written with. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/**
 * Includes `{ [key]: value }` only when the column is not NULL, so optional entity fields are absent rather than
 * `undefined` (the records then compare equal to what the memory adapter returns).
 */
export function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Counts arrive as numbers from SQLite and as strings from PostgreSQL (`bigint`). */
export function toCount(value: string | number | bigint | undefined): number {
  return Number(value ?? 0);
}

/** Whether a statement touched at least one row (Kysely reports row counts as bigint). */
export function touched(count: bigint | undefined): boolean {
  return (count ?? 0n) > 0n;
}

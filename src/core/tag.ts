/**
 * @module core/tag
 * The key/value tag every entity family shares. Re-exported by `entities.ts`.
 */

/** A key/value tag as IAM and STS carry it. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

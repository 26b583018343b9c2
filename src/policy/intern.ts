/**
 * @module policy/intern
 * One shared copy of the strings compiled policies hold many times over (lower-cased actions, ARN heads,
 * resource keys): 100,000 policies naming `s3:getobject` keep one string, not 100,000, and equal strings compare
 * by identity on the hot path. It relies on V8 keeping a single copy of every property name; correctness never
 * depends on it, since `===` compares contents anyway.
 */

/**
 * Returns the engine's canonical copy of `text`.
 * @example
 * intern(`s3:${'getobject'}`) === intern('s3:getobject'); // true, and the same string in memory
 */
export function intern(text: string): string {
  return Object.keys({ [text]: 0 })[0] ?? text;
}

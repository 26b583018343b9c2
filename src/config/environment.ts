/**
 * @module config/environment
 * The process environment, for the commands that pass it on to a child process (`iamd exec`, `iamd instance run`)
 * after removing what must not leak into it. Options are never read from it outside `load.ts`; keeping every
 * `process.env` access in config/ keeps that rule checkable.
 */

/**
 * A snapshot of the process environment.
 *
 * @example
 * const env = processEnvironment();
 */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}

/**
 * Type-level checks of the public API, type-checked by `tsc` and never run. Plain TypeScript (no vitest import)
 * so that policy/ keeps importing nothing outside the pure modules.
 */
import type {
  CompiledPolicy,
  compilePolicy,
  createContext,
  Decision,
  evaluate,
  matchGlob,
  ParseOptions,
  ParseResult,
  PolicyKind,
  parsePolicy,
  RequestContext,
} from './index.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** Each entry fails to compile if the public signatures drift. */
export type PublicApiChecks = [
  Assert<Equals<Parameters<typeof parsePolicy>, [text: string, kind: PolicyKind, options?: ParseOptions]>>,
  Assert<Equals<ReturnType<typeof parsePolicy>, ParseResult>>,
  Assert<Equals<ReturnType<typeof compilePolicy>, CompiledPolicy>>,
  Assert<Equals<ReturnType<typeof evaluate>, Decision>>,
  Assert<Equals<ReturnType<typeof createContext>, RequestContext>>,
  Assert<Equals<Parameters<typeof matchGlob>, [pattern: string, text: string, caseInsensitive?: boolean]>>,
  Assert<Equals<Extract<ParseResult, { ok: true }>['policy']['statements'][number]['effect'], 'Allow' | 'Deny'>>,
  Assert<Equals<Extract<ParseResult, { ok: false }>['error'], string>>,
  Assert<Equals<NonNullable<Decision['reason']>['kind'], 'explicit' | 'implicit'>>,
];

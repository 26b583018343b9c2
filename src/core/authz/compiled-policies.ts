/**
 * @module core/authz/compiled-policies
 * Parses and compiles stored policy documents once, keyed by their text, so requests reuse the compiled form.
 * Stored documents were validated when they were saved; a document that no longer parses (e.g. stricter rules
 * after an upgrade) compiles to nothing and so grants nothing — the safe reading.
 */

import {
  type CompiledPolicy,
  compilePolicy,
  type PolicyKind,
  type PolicyLayer,
  parsePolicy,
} from '../../policy/index.js';

const MAX_ENTRIES = 10_000;

/** A bounded cache from (kind, layer, source, document) to its compiled policy. */
export class PolicyCompiler {
  readonly #cache = new Map<string, CompiledPolicy>();

  /** Compiles `document`, reusing an earlier result for the same text. */
  compile(document: string, kind: PolicyKind, layer: PolicyLayer, source: string): CompiledPolicy {
    const key = `${kind}\u0000${layer}\u0000${source}\u0000${document}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    // Stored documents were sized where they were saved; AWS managed policies exceed the customer quota.
    const parsed = parsePolicy(document, kind, { ignoreSizeLimits: true });
    const compiled: CompiledPolicy = parsed.ok
      ? compilePolicy(parsed.policy, source, layer)
      : { source, layer, statements: [] };
    if (this.#cache.size >= MAX_ENTRIES) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(key, compiled);
    return compiled;
  }
}

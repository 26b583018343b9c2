/**
 * @module policy/conditions/bool
 * The Bool operator (IAM User Guide, "Condition operators" → Boolean). Policy values may be JSON booleans or
 * strings, case-insensitive (`"True"`); request values other than `true`/`false` (any case) match nothing
 * (IAM-SEMANTICS.md tricky case 26). Policy variables in Bool values are documented but not yet supported:
 * TODO(v1): substitute `${…}` here too once a real policy needs it.
 */

import type { OperatorTable } from './types.js';

function normalize(text: string): 'true' | 'false' | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : undefined;
}

/** The Boolean family. */
export const boolOperators: OperatorTable = {
  Bool: {
    negated: false,
    compile: (values) => {
      const wanted = new Set(values.map(normalize).filter((v) => v !== undefined));
      return (value) => {
        const r = normalize(value);
        return r === undefined ? undefined : wanted.has(r);
      };
    },
  },
};

/**
 * @module policy/conditions/bool
 * The Bool operator (IAM User Guide, "Condition operators" → Boolean). Policy values may be JSON booleans or
 * strings, case-insensitive (`"True"`); request values other than `true`/`false` (any case) match nothing
 * (IAM-SEMANTICS.md tricky case 26). Policy values may hold policy variables (the User Guide lists Bool among
 * the operators that accept them): `${…}` is resolved per request, and a value that resolves to something other
 * than `true`/`false`, or does not resolve, matches nothing.
 */

import { parseTemplate, resolveTemplate, staticText, type Template } from '../variables.js';
import type { OperatorTable } from './types.js';

function normalize(text: string): 'true' | 'false' | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : undefined;
}

/** The Boolean family. */
export const boolOperators: OperatorTable = {
  Bool: {
    negated: false,
    compile: (values, variables) => {
      const wanted = new Set<string>();
      const dynamic: Template[] = [];
      for (const value of values) {
        const template = variables && value.includes('${') ? parseTemplate(value, 'plain') : undefined;
        if (template?.dynamic) dynamic.push(template);
        else {
          const fixed = normalize(template === undefined ? value : staticText(template));
          if (fixed !== undefined) wanted.add(fixed);
        }
      }
      return (value, context, missing) => {
        const r = normalize(value);
        if (r === undefined) return undefined;
        if (wanted.has(r)) return true;
        for (let i = 0; i < dynamic.length; i++) {
          const resolved = resolveTemplate(dynamic[i] as Template, context, 'plain', missing);
          if (resolved !== undefined && normalize(resolved) === r) return true;
        }
        return false;
      };
    },
  },
};

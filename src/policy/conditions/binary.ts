/**
 * @module policy/conditions/binary
 * BinaryEquals (IAM User Guide, "Condition operators" → Binary): policy values are base64; the request value is
 * carried base64-encoded too, and the decoded bytes are compared (by comparing canonical base64).
 */

import type { OperatorTable } from './types.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function canonical(text: string): string | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64').toString('base64') : undefined;
}

/** The Binary family. */
export const binaryOperators: OperatorTable = {
  BinaryEquals: {
    negated: false,
    compile: (values) => {
      const wanted = new Set(values.map(canonical).filter((v) => v !== undefined));
      return (value) => {
        const r = canonical(value);
        return r === undefined ? undefined : wanted.has(r);
      };
    },
  },
};

/**
 * @module policy/grammar/limits
 * Character-set and size limits, checked before parsing (IAM-SEMANTICS.md §4.16; IAM User Guide "IAM and AWS STS
 * quotas"; Organizations quotas). IAM documents may hold only tab, LF, CR and U+0020–U+00FF (the
 * `policyDocumentType` pattern of the IAM model) and are measured without whitespace; SCPs and RCPs count
 * whitespace; bucket policies are limited to 20 KB.
 */

import type { PolicyKind } from '../types.js';
import { GrammarError, SYNTAX } from './messages.js';

/** Kinds validated by IAM itself, with its character set and its Sid rules. */
export function isIamKind(kind: PolicyKind): boolean {
  return kind === 'identity' || kind === 'trust' || kind === 'session' || kind === 'boundary';
}

/** Characters excluding JSON whitespace, the way IAM measures policy size. */
function sizeWithoutWhitespace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n++;
  }
  return n;
}

/** Throws when `text` breaks the character set or (unless `ignoreSize`) the size limit of `kind`. */
export function checkLimits(text: string, kind: PolicyKind, ignoreSize = false): void {
  if (isIamKind(kind) && /[^\t\n\r\u0020-\u00ff]/.test(text)) throw new GrammarError(SYNTAX);
  if (ignoreSize) return;
  switch (kind) {
    case 'identity':
    case 'boundary':
      if (sizeWithoutWhitespace(text) > 6144)
        throw new GrammarError('Cannot exceed quota for PolicySize: 6144', 'LimitExceeded');
      return;
    case 'trust':
      if (sizeWithoutWhitespace(text) > 2048)
        throw new GrammarError('Cannot exceed quota for ACLSizePerRole: 2048', 'LimitExceeded');
      return;
    case 'session': {
      const size = sizeWithoutWhitespace(text);
      if (size > 2048) {
        const percent = Math.ceil((size / 2048) * 100);
        throw new GrammarError(
          `Packed policy consumes ${percent}% of allotted space, please use smaller policy for session.`,
          'PackedPolicyTooLarge',
        );
      }
      return;
    }
    case 'scp':
    case 'rcp':
      if (text.length > 5120) throw new GrammarError('Cannot exceed quota for PolicySize: 5120', 'LimitExceeded');
      return;
    case 'resource':
      if (text.length > 20480) throw new GrammarError('Policies must be less than 20 KB', 'LimitExceeded');
      return;
  }
}

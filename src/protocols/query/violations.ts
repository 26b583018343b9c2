/**
 * @module protocols/query/violations
 * AWS's validation message format for Query services (Coral), e.g. as returned by STS:
 * `1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have
 * length greater than or equal to 2`, and for several: `2 validation errors detected: Value … ; Value …`
 * joined with `; `. A missing member is `Value null at '…'`; a value that must not be echoed (a sensitive
 * member, or a structure) is written `Value at '…'`, the form AWS uses when it hides the value.
 */
import { AwsError } from '../../core/errors.js';

/** One failed constraint. `shown` is the value as printed: `null` for absent, `undefined` to hide it. */
export interface Violation {
  readonly path: string;
  readonly shown: string | null | undefined;
  readonly constraint: string;
}

/** Formats one violation as AWS does. */
export function formatViolation(violation: Violation): string {
  const shown = violation.shown === null ? ' null' : violation.shown === undefined ? '' : ` '${violation.shown}'`;
  return `Value${shown} at '${violation.path}' failed to satisfy constraint: ${violation.constraint}`;
}

/**
 * Formats the whole message.
 *
 * @example
 * formatViolations([{ path: 'roleArn', shown: null, constraint: 'Member must not be null' }]);
 * // "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
 */
export function formatViolations(violations: readonly Violation[]): string {
  const count = violations.length;
  const head = `${count} validation error${count === 1 ? '' : 's'} detected: `;
  return head + violations.map(formatViolation).join('; ');
}

/** Throws `ValidationError` with the AWS message when there is anything to report. */
export function throwIfViolations(violations: readonly Violation[]): void {
  if (violations.length > 0) throw new AwsError('ValidationError', formatViolations(violations));
}

/** The path segment AWS prints for a member: the member name with its first letter lowercased. */
export function memberPath(parent: string, memberName: string): string {
  const segment = memberName.charAt(0).toLowerCase() + memberName.slice(1);
  return parent === '' ? segment : `${parent}.${segment}`;
}

/**
 * @module http/pipeline
 * The protocol-independent part of every request, after decoding and authentication: authorize each
 * AuthorizationSpec the operation declares (all must allow), run the use case, and hand the outcome to the audit
 * trail. Recording costs the request one queue push; only in fail-closed mode does the response wait for the
 * record to be durable (and a record that cannot be written refuses the request).
 */

import type { AuthorizationSpec } from '../core/authz/index.js';
import type { AuditEntry } from '../core/audit/index.js';
import { AwsError, isAwsError, s3ErrorOf } from '../core/errors.js';
import type { AnyOperation, OperationContext } from '../operations/index.js';

/** The error code as the operation's wire spells it (S3 and CloudTrail have their own names for some). */
function recordedError(operation: AnyOperation, error: unknown): { code: string; message: string } {
  const awsError = isAwsError(error) ? error : new AwsError('InternalFailure');
  if (operation.service === 's3') return { code: s3ErrorOf(awsError).code, message: awsError.message };
  if (operation.service === 'cloudtrail' && awsError.code === 'AccessDenied') {
    return { code: 'AccessDeniedException', message: awsError.message };
  }
  return { code: awsError.code, message: awsError.message };
}

/**
 * Authorizes and runs `operation`, and records it.
 *
 * @example
 * const output = await runOperation(iamOperations.get('GetRole')!, input, context);
 */
export async function runOperation(
  operation: AnyOperation,
  input: unknown,
  context: OperationContext,
): Promise<unknown> {
  const { audit } = context.services;
  const specs: AuthorizationSpec[] = [];
  let allowed = 0;
  // Built only when the trail is on, in one literal (a trailing spread would cost every request microseconds).
  const entry = (output: unknown, error: AuditEntry['error']): AuditEntry => ({
    service: operation.service,
    operation: operation.name,
    caller: context.caller,
    facts: context.facts,
    input,
    output,
    error,
    specs,
    allowed,
  });
  audit.admit();
  let output: unknown;
  try {
    const authorization = await operation.authorize(input, context);
    if (authorization !== 'skip') {
      specs.push(...(Array.isArray(authorization) ? authorization : [authorization]));
      const facts = operation.encodeDenials ? { ...context.facts, encodeAuthorizationMessage: true } : context.facts;
      for (const spec of specs) {
        await context.services.authorizer.enforce(context.caller, spec, facts);
        allowed++;
      }
    }
    context.services.roleUsage.touch(context.caller, context.facts.region);
    context.services.accessKeyUsage.touch(context.caller, operation.service, context.facts.region);
    output = await operation.handle(input, context);
  } catch (error) {
    // Fail-closed mode waits for the record (record() returns a promise only then).
    const pending = audit.enabled ? audit.record(entry(undefined, recordedError(operation, error))) : undefined;
    if (pending) await pending;
    throw error;
  }
  const pending = audit.enabled ? audit.record(entry(output, undefined)) : undefined;
  if (pending) await pending;
  return output;
}

/**
 * @module http/pipeline
 * The protocol-independent part of every request, after decoding and authentication: authorize each
 * AuthorizationSpec the operation declares (all must allow), then run the use case.
 */

import type { AnyOperation, OperationContext } from '../operations/index.js';

/**
 * Authorizes and runs `operation`.
 *
 * @example
 * const output = await runOperation(iamOperations.get('GetRole')!, input, context);
 */
export async function runOperation(
  operation: AnyOperation,
  input: unknown,
  context: OperationContext,
): Promise<unknown> {
  const authorization = await operation.authorize(input, context);
  if (authorization !== 'skip') {
    const specs = Array.isArray(authorization) ? authorization : [authorization];
    const facts = operation.encodeDenials ? { ...context.facts, encodeAuthorizationMessage: true } : context.facts;
    for (const spec of specs) await context.services.authorizer.enforce(context.caller, spec, facts);
  }
  context.services.roleUsage.touch(context.caller, context.facts.region);
  context.services.accessKeyUsage.touch(context.caller, operation.service, context.facts.region);
  return operation.handle(input, context);
}

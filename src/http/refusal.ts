/**
 * @module http/refusal
 * The record of a request the handlers refuse before its operation runs (core/audit/refusals): each handler keeps
 * a {@link RequestProgress} — the operation it found, what authentication established, whether the pipeline was
 * reached (it records what happens from there) — and hands it to {@link recordRefusal} when it answers an error.
 */

import type { IncomingMessage } from 'node:http';
import { AwsError, s3ErrorOf } from '../core/errors.js';
import type { AuthTrace } from './authenticate.js';
import type { HttpContext } from './context.js';
import { requestFacts } from './request-facts.js';

/** How far a request got. */
export interface RequestProgress {
  /** The operation asked for (found or not). */
  operation?: string | undefined;
  readonly trace: AuthTrace;
  /** True once the pipeline runs the operation: it records the request itself. */
  ran: boolean;
}

/** A fresh progress for a new request. */
export function requestProgress(): RequestProgress {
  return { trace: {}, ran: false };
}

/** A region from a credential scope, when it looks like one (the scope is the client's text). */
const REGION = /^[a-z0-9-]{1,32}$/;

/**
 * Records a refused request unless the pipeline recorded it. The message recorded is the error's standard one for
 * its code, never the one sent back, which may quote the client's input (an action name, a parameter's value).
 *
 * @example
 * recordRefusal(ctx, req, requestId, 'iam', progress, awsError);
 */
export function recordRefusal(
  ctx: HttpContext,
  req: IncomingMessage,
  requestId: string,
  service: string,
  progress: RequestProgress,
  error: AwsError,
): void {
  if (progress.ran) return;
  const region = progress.trace.region;
  const facts = requestFacts(
    req,
    requestId,
    ctx.services.clock.now(),
    region !== undefined && REGION.test(region) ? region : ctx.region,
  );
  const standard = new AwsError(error.code);
  const code = service === 's3' ? s3ErrorOf(standard).code : standard.code;
  ctx.services.refusals.record({
    service,
    operation: progress.operation,
    facts,
    error: { code, message: standard.message },
    caller: progress.trace.caller,
    presented: progress.trace.presented,
  });
}

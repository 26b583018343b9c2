/**
 * @module http/imds/ec2-query-handler
 * The EC2 API (requests whose credential scope names `ec2`) over the `ec2` protocol: form parameters in, EC2 XML out
 * (WIRE.md §6.4). Same order as the Query services: find the action, authenticate, decode against the model,
 * authorize, run. It lives with the metadata endpoints because EC2 instances are what those serve.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, isAwsError } from '../../core/errors.js';
import { type AnyOperation, ec2Operations } from '../../operations/index.js';
import { decodeEc2Request, ec2ErrorOf, encodeEc2Error, encodeEc2Response } from '../../protocols/index.js';
import type { HttpRequestParts } from '../../sigv4/index.js';
import { authenticate } from '../authenticate.js';
import type { HandledRequest, HttpContext } from '../context.js';
import { runOperation } from '../pipeline.js';
import { recordRefusal, requestProgress } from '../refusal.js';
import { readBody } from '../read-body.js';
import { requestFacts } from '../request-facts.js';

function operationFor(ctx: HttpContext, params: URLSearchParams): AnyOperation {
  const action = params.get('Action');
  if (action === null || action === '')
    throw new AwsError('MissingAction', 'The request must contain the parameter Action');
  const operation = ec2Operations.get(action);
  if (!operation) {
    const known = ctx.models.ec2.operation(action) !== undefined;
    throw new AwsError(
      'InvalidAction',
      known
        ? `The action ${action} is not implemented by iamd yet.`
        : `The action ${action} is not valid for this web service.`,
    );
  }
  return operation;
}

function send(res: ServerResponse, status: number, requestId: string, xml: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml;charset=UTF-8',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
  });
  res.end(xml);
}

/**
 * Handles one EC2 request end to end, always answering.
 *
 * @example
 * await handleEc2Query(ctx, req, res, parts, requestId);
 */
export async function handleEc2Query(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: HttpRequestParts,
  requestId: string,
): Promise<HandledRequest> {
  const handled: HandledRequest = { service: 'ec2' };
  const progress = requestProgress();
  try {
    const body = await readBody(req, ctx.maxQueryBodyBytes);
    const params = new URLSearchParams(parts.query);
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);
    progress.operation = params.get('Action') ?? undefined;
    const operation = operationFor(ctx, params);
    handled.operation = operation.name;
    const now = ctx.services.clock.now();
    const { caller, auth } = await authenticate(parts, {
      mode: operation.auth,
      dialect: 'query',
      payloadHash: createHash('sha256').update(body).digest('hex'),
      normalizePath: true,
      services: ctx.services,
      cache: ctx.signingKeys,
      now,
      trace: progress.trace,
    });
    const input = decodeEc2Request(ctx.models.ec2, operation.name, params);
    const facts = requestFacts(req, requestId, now, auth?.region ?? ctx.region);
    progress.ran = true;
    const output = await runOperation(operation, input, { caller, facts, services: ctx.services });
    send(res, 200, requestId, encodeEc2Response(ctx.models.ec2, operation.name, output, requestId));
  } catch (error) {
    const awsError = isAwsError(error) ? error : new AwsError('InternalFailure', undefined, { cause: error });
    if (!isAwsError(error)) ctx.logger.error({ err: error, requestId }, 'unhandled error in EC2 request');
    handled.errorCode = awsError.code;
    recordRefusal(ctx, req, requestId, 'ec2', progress, awsError);
    send(res, ec2ErrorOf(awsError).status, requestId, encodeEc2Error(awsError, requestId));
  }
  return handled;
}

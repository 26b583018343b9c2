/**
 * @module http/json-handler
 * CloudTrail over the awsJson1_1 protocol: `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>` and a JSON
 * body; JSON out, errors as `{"__type", "message"}`. Order as the Query handler: find the operation, authenticate,
 * decode, authorize, run.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, isAwsError } from '../core/errors.js';
import { type AnyOperation, cloudTrailOperations } from '../operations/index.js';
import { decodeJsonRequest, encodeJsonError, encodeJsonResponse, type ServiceModel } from '../protocols/index.js';
import type { HttpRequestParts } from '../sigv4/index.js';
import { authenticate } from './authenticate.js';
import type { HandledRequest, HttpContext } from './context.js';
import { runOperation } from './pipeline.js';
import { readBody } from './read-body.js';
import { recordRefusal, requestProgress } from './refusal.js';
import { requestFacts } from './request-facts.js';

function operationFor(model: ServiceModel, target: string | undefined): AnyOperation {
  const prefix = `${model.metadata.targetPrefix}.`;
  const name = target?.startsWith(prefix) ? target.slice(prefix.length) : undefined;
  const operation = name === undefined ? undefined : cloudTrailOperations.get(name);
  if (operation) return operation;
  throw new AwsError('UnknownOperationException', `The operation ${target ?? '(none)'} is not served by iamd.`);
}

function send(
  res: ServerResponse,
  status: number,
  requestId: string,
  body: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    ...extra,
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

/**
 * Handles one CloudTrail request end to end, always answering.
 *
 * @example
 * await handleJson(ctx, req, res, parts, requestId);
 */
export async function handleJson(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: HttpRequestParts,
  requestId: string,
): Promise<HandledRequest> {
  const handled: HandledRequest = { service: 'cloudtrail' };
  const model = ctx.models.cloudtrail;
  const progress = requestProgress();
  try {
    const body = await readBody(req, ctx.maxQueryBodyBytes);
    const header = req.headers['x-amz-target'];
    const target = Array.isArray(header) ? header[0] : header;
    const prefix = `${model.metadata.targetPrefix}.`;
    progress.operation = target?.startsWith(prefix) ? target.slice(prefix.length) : undefined;
    const operation = operationFor(model, target);
    handled.operation = operation.name;
    const now = ctx.services.clock.now();
    const { caller, auth } = await authenticate(parts, {
      mode: operation.auth,
      dialect: 'query',
      service: 'cloudtrail',
      payloadHash: createHash('sha256').update(body).digest('hex'),
      normalizePath: true,
      services: ctx.services,
      cache: ctx.signingKeys,
      now,
      trace: progress.trace,
    });
    const input = decodeJsonRequest(model, operation.name, body);
    const facts = requestFacts(req, requestId, now, auth?.region ?? ctx.region);
    progress.ran = true;
    const output = await runOperation(operation, input, { caller, facts, services: ctx.services });
    send(res, 200, requestId, encodeJsonResponse(output));
  } catch (error) {
    const awsError = isAwsError(error) ? error : new AwsError('InternalFailure', undefined, { cause: error });
    if (!isAwsError(error)) ctx.logger.error({ err: error, requestId }, 'unhandled error in JSON request');
    handled.errorCode = awsError.code;
    recordRefusal(ctx, req, requestId, 'cloudtrail', progress, awsError);
    send(res, awsError.status, requestId, encodeJsonError(awsError), awsError.headers);
  }
  return handled;
}

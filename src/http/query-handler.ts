/**
 * @module http/query-handler
 * IAM and STS over the awsQuery protocol: form parameters in, XML out (WIRE.md §2). Order as AWS: find the action,
 * authenticate, then validate the input against the model, authorize, run.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, isAwsError } from '../core/errors.js';
import { type AnyOperation, iamOperations, stsOperations } from '../operations/index.js';
import { decodeQueryRequest, encodeQueryError, encodeQueryResponse, type ServiceModel } from '../protocols/index.js';
import type { HttpRequestParts } from '../sigv4/index.js';
import { authenticate } from './authenticate.js';
import { rememberingBodySha256 } from './body-hash.js';
import type { HandledRequest, HttpContext } from './context.js';
import { runOperation } from './pipeline.js';
import { readBody } from './read-body.js';
import { recordRefusal, requestProgress } from './refusal.js';
import { requestFacts } from './request-facts.js';

const tables = { iam: iamOperations, sts: stsOperations } as const;

/** The payload hash of each request's body (the same body, such as every GetCallerIdentity's, hashed once). */
const bodySha256 = rememberingBodySha256();

/** Picks the service: the credential scope's, or for unsigned calls the one whose model has the action. */
function serviceFor(ctx: HttpContext, scoped: 'iam' | 'sts' | undefined, action: string | null): 'iam' | 'sts' {
  if (scoped) return scoped;
  return action !== null && ctx.models.sts.operation(action) ? 'sts' : 'iam';
}

function operationFor(model: ServiceModel, service: 'iam' | 'sts', action: string | null): AnyOperation {
  if (action === null || action === '') throw new AwsError('MissingAction', 'Missing Action');
  const operation = tables[service].get(action);
  if (operation) return operation;
  if (model.operation(action)) {
    throw new AwsError('InvalidAction', `The action ${action} is not implemented by iamd yet.`);
  }
  throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${model.metadata.apiVersion}`);
}

function send(
  res: ServerResponse,
  status: number,
  requestId: string,
  xml: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    ...extra,
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
  });
  res.end(xml);
}

/**
 * Handles one Query request end to end, always answering (errors as `ErrorResponse`).
 *
 * @example
 * await handleQuery(ctx, req, res, parts, 'sts', requestId);
 */
export async function handleQuery(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: HttpRequestParts,
  scoped: 'iam' | 'sts' | undefined,
  requestId: string,
): Promise<HandledRequest> {
  let params = new URLSearchParams(parts.query);
  let service: 'iam' | 'sts' = serviceFor(ctx, scoped, params.get('Action'));
  const handled: HandledRequest = { service };
  const progress = requestProgress();
  try {
    const body = await readBody(req, ctx.maxQueryBodyBytes);
    // The query's parameters, then the body's; a form POST (what SDKs send) has only the body's.
    if (parts.query === '') params = new URLSearchParams(body.toString('utf8'));
    else for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);
    service = serviceFor(ctx, scoped, params.get('Action'));
    handled.service = service;
    const model = ctx.models[service];
    progress.operation = params.get('Action') ?? undefined;
    const operation = operationFor(model, service, params.get('Action'));
    handled.operation = operation.name;
    const now = ctx.services.clock.now();
    const { caller, auth } = await authenticate(parts, {
      mode: operation.auth,
      dialect: 'query',
      payloadHash: bodySha256(body),
      normalizePath: true,
      services: ctx.services,
      cache: ctx.signingKeys,
      now,
      trace: progress.trace,
    });
    const { input } = decodeQueryRequest(model, params);
    const facts = requestFacts(req, requestId, now, auth?.region ?? ctx.region);
    progress.ran = true;
    const output = await runOperation(operation, input, { caller, facts, services: ctx.services });
    send(res, 200, requestId, encodeQueryResponse(model, operation.name, output, requestId));
  } catch (error) {
    const awsError = isAwsError(error) ? error : new AwsError('InternalFailure', undefined, { cause: error });
    if (!isAwsError(error)) ctx.logger.error({ err: error, requestId }, 'unhandled error in Query request');
    handled.errorCode = awsError.code;
    recordRefusal(ctx, req, requestId, service, progress, awsError);
    send(res, awsError.status, requestId, encodeQueryError(ctx.models[service], awsError, requestId), awsError.headers);
  }
  return handled;
}

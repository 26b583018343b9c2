/**
 * @module http/imds/signed-json
 * iamd's own JSON endpoints under `/_iamd/` that act for a caller (`iamd instance run`, `iamd exec`): the request is
 * SigV4-signed with the caller's AWS credentials exactly like an AWS API call, so it is authenticated and authorized
 * the same way. Errors are `{"Code": …, "Message": …}` with the AWS error's status.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller, RequestFacts } from '../../core/authz/index.js';
import { AwsError, isAwsError } from '../../core/errors.js';
import type { HttpRequestParts } from '../../sigv4/index.js';
import { authenticate } from '../authenticate.js';
import type { HttpContext } from '../context.js';
import { readBody } from '../read-body.js';
import { requestFacts } from '../request-facts.js';

/** An authenticated JSON request. */
export interface SignedJsonRequest {
  readonly caller: Caller;
  readonly facts: RequestFacts;
  readonly body: Record<string, unknown>;
}

/** Reads, authenticates and parses a signed JSON request (an empty body is `{}`). */
export async function readSignedJson(
  ctx: HttpContext,
  req: IncomingMessage,
  parts: HttpRequestParts,
  requestId: string,
): Promise<SignedJsonRequest> {
  const raw = await readBody(req, ctx.maxQueryBodyBytes);
  const now = ctx.services.clock.now();
  const { caller, auth } = await authenticate(parts, {
    mode: 'required',
    dialect: 'query',
    payloadHash: createHash('sha256').update(raw).digest('hex'),
    normalizePath: true,
    services: ctx.services,
    cache: ctx.signingKeys,
    now,
  });
  let body: unknown = {};
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AwsError('InvalidRequest', 'The request body is not valid JSON.');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AwsError('InvalidRequest', 'The request body must be a JSON object.');
  }
  return {
    caller,
    facts: requestFacts(req, requestId, now, auth?.region ?? ctx.region),
    body: body as Record<string, unknown>,
  };
}

/** Sends a JSON document. */
export function sendJson(res: ServerResponse, status: number, value: unknown, requestId: string): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

/** Sends an error as `{Code, Message}`; anything but an AwsError is a bare InternalFailure. */
export function sendJsonError(ctx: HttpContext, res: ServerResponse, error: unknown, requestId: string): string {
  const awsError = isAwsError(error) ? error : new AwsError('InternalFailure', undefined, { cause: error });
  if (!isAwsError(error)) ctx.logger.error({ err: error, requestId }, 'unhandled error in an internal API');
  sendJson(res, awsError.status, { Code: awsError.code, Message: awsError.message }, requestId);
  return awsError.code;
}

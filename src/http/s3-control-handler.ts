/**
 * @module http/s3-control-handler
 * S3 Control over REST-XML: the account-level Block Public Access configuration at
 * `/v20180820/configuration/publicAccessBlock` (PUT, GET, DELETE), the account in `x-amz-account-id`. Requests are
 * signed as `s3`. The configuration document has the same members as S3's bucket-level one (S3 Control API
 * `PublicAccessBlockConfiguration`), so the S3 model decodes and encodes it; only the namespace differs. Errors are
 * S3 `<Error>` documents, which the SDKs' REST-XML parsers read for S3 Control too.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, isAwsError } from '../core/errors.js';
import { type AnyOperation, s3ControlOperations } from '../operations/index.js';
import { decodeRestXmlRequest, encodeRestXmlResponse, encodeS3Error, S3_XML_NAMESPACE } from '../protocols/index.js';
import type { HttpRequestParts } from '../sigv4/index.js';
import { authenticate } from './authenticate.js';
import type { HandledRequest, HttpContext } from './context.js';
import { runOperation } from './pipeline.js';
import { readBody } from './read-body.js';
import { headerValue } from './request-headers.js';
import { requestFacts } from './request-facts.js';

/** The S3 Control namespace of its XML documents (the model's `xmlNamespace`). */
const S3_CONTROL_NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const PUBLIC_ACCESS_BLOCK = '/v20180820/configuration/publicAccessBlock';
const BODY_LIMIT = 64 * 1024;

/** The operation a method names on the public-access-block path. */
const BY_METHOD: Readonly<Record<string, string>> = {
  PUT: 'PutAccountPublicAccessBlock',
  GET: 'GetAccountPublicAccessBlock',
  DELETE: 'DeleteAccountPublicAccessBlock',
};

function operationOf(parts: HttpRequestParts): AnyOperation {
  const name = parts.path === PUBLIC_ACCESS_BLOCK ? BY_METHOD[parts.method] : undefined;
  const operation = name === undefined ? undefined : s3ControlOperations.get(name);
  if (!operation) throw new AwsError('NotImplemented', 'iamd does not implement this S3 Control operation yet.');
  return operation;
}

/** The body and the payload hash the signature covers: the signed `x-amz-content-sha256`, else the body's. */
async function signedBody(req: IncomingMessage): Promise<{ body: Buffer; payloadHash: string }> {
  const body = await readBody(req, BODY_LIMIT);
  const actual = createHash('sha256').update(body).digest('hex');
  const header = req.headers['x-amz-content-sha256'];
  if (typeof header !== 'string') return { body, payloadHash: actual };
  if (/^[0-9a-f]{64}$/.test(header) && header !== actual) throw new AwsError('XAmzContentSHA256Mismatch');
  return { body, payloadHash: header };
}

/** The operation's input: the account header, and for a put its configuration document. */
function decode(ctx: HttpContext, parts: HttpRequestParts, operation: AnyOperation, body: Buffer) {
  const accountId = headerValue(parts.headers, 'x-amz-account-id') ?? '';
  if (operation.name !== 'PutAccountPublicAccessBlock') return { AccountId: accountId };
  // The bucket label is a placeholder: S3's PutPublicAccessBlock shape is used only for its payload.
  const decoded = decodeRestXmlRequest(ctx.models.s3, 'PutPublicAccessBlock', {
    bucket: accountId,
    query: new URLSearchParams(),
    headers: {},
    body,
  });
  return { AccountId: accountId, PublicAccessBlockConfiguration: decoded['PublicAccessBlockConfiguration'] };
}

function encode(ctx: HttpContext, operation: AnyOperation, output: unknown): { status: number; body?: string } {
  if (operation.name !== 'GetAccountPublicAccessBlock') return { status: 200 };
  const encoded = encodeRestXmlResponse(ctx.models.s3, 'GetPublicAccessBlock', output as Record<string, unknown>);
  return { status: 200, body: String(encoded.body).replace(S3_XML_NAMESPACE, S3_CONTROL_NAMESPACE) };
}

/**
 * Handles one S3 Control request end to end, always answering.
 *
 * @example
 * await handleS3Control(ctx, req, res, parts, requestId);
 */
export async function handleS3Control(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: HttpRequestParts,
  requestId: string,
): Promise<HandledRequest> {
  const handled: HandledRequest = { service: 's3control' };
  try {
    const operation = operationOf(parts);
    handled.operation = operation.name;
    const { body, payloadHash } = await signedBody(req);
    const now = ctx.services.clock.now();
    const { caller, auth } = await authenticate(parts, {
      mode: operation.auth,
      dialect: 's3',
      service: 's3',
      payloadHash,
      normalizePath: false,
      services: ctx.services,
      cache: ctx.signingKeys,
      now,
    });
    const input = decode(ctx, parts, operation, body);
    const facts = requestFacts(req, requestId, now, auth?.region ?? ctx.region);
    const output = await runOperation(operation, input, { caller, facts, services: ctx.services });
    const answer = encode(ctx, operation, output);
    const headers: Record<string, string | number> = { 'x-amz-request-id': requestId };
    if (answer.body !== undefined) headers['content-type'] = 'application/xml';
    headers['content-length'] = answer.body === undefined ? 0 : Buffer.byteLength(answer.body);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  } catch (error) {
    const awsError = isAwsError(error) ? error : new AwsError('InternalFailure', undefined, { cause: error });
    if (!isAwsError(error)) ctx.logger.error({ err: error, requestId }, 'unhandled error in S3 Control request');
    handled.errorCode = awsError.code;
    const rendered = encodeS3Error(awsError, requestId, parts.path);
    if (!req.readableEnded) rendered.headers['connection'] = 'close';
    res.writeHead(rendered.status, rendered.headers);
    res.end(parts.method === 'HEAD' ? undefined : rendered.body);
    if (!req.readableEnded) req.resume();
  }
  return handled;
}

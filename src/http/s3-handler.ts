/**
 * @module http/s3-handler
 * S3 over REST-XML: the operation is found from method, path shape and sub-resource query keys of the model's
 * `requestUri`s; uploads stream; every request is authenticated (or anonymous) and authorized before any bytes of
 * an upload are read.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsError, isAwsError } from '../core/errors.js';
import type { SendableBody } from '../core/ports.js';
import { s3Operations } from '../operations/index.js';
import {
  decodeRestXmlRequest,
  encodeRestXmlResponse,
  encodeS3Error,
  matchRestXmlOperation,
} from '../protocols/index.js';
import { ALGORITHM, type HttpRequestParts } from '../sigv4/index.js';
import { S3DetailedError } from './auth-errors.js';
import { authenticate } from './authenticate.js';
import type { HandledRequest, HttpContext } from './context.js';
import { runOperation } from './pipeline.js';
import { readBody } from './read-body.js';
import { recordRefusal, requestProgress } from './refusal.js';
import { requestFacts } from './request-facts.js';
import { s3RequestKeys } from './s3-request-keys.js';
import { payloadHashOf, uploadBody } from './upload-body.js';

const CONFIG_BODY_LIMIT = 1024 * 1024;

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function';
}

/** A body that writes itself into the response reusing its buffers (core/ports.ts `SendableBody`). */
function isSendable(body: Readable): body is Readable & SendableBody {
  return typeof (body as Partial<SendableBody>).sendTo === 'function';
}

/** Reads a small request body and checks it against a signed payload hash and any Content-MD5. */
async function configBody(req: IncomingMessage, payloadHash: string): Promise<Buffer> {
  const body = await readBody(req, CONFIG_BODY_LIMIT);
  if (/^[0-9a-f]{64}$/.test(payloadHash) && createHash('sha256').update(body).digest('hex') !== payloadHash) {
    throw new AwsError('XAmzContentSHA256Mismatch');
  }
  const md5 = req.headers['content-md5'];
  if (typeof md5 === 'string' && createHash('md5').update(body).digest('base64') !== md5) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  return body;
}

/** A read of part of an object answers 206 Partial Content (GetObject API reference, "Range"). */
function statusOf(encoded: { status: number }, output: unknown): number {
  const ranged = typeof output === 'object' && output !== null && 'ContentRange' in output && output.ContentRange;
  return ranged ? 206 : encoded.status;
}

/**
 * Handles one S3 request end to end, always answering (errors as S3 `<Error>` documents).
 *
 * @example
 * await handleS3(ctx, req, res, parts, { bucket: 'b', key: 'k' }, requestId);
 */
export async function handleS3(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: HttpRequestParts,
  target: { bucket?: string | undefined; key?: string | undefined },
  requestId: string,
): Promise<HandledRequest> {
  const handled: HandledRequest = { service: 's3' };
  const progress = requestProgress();
  const query = new URLSearchParams(parts.query);
  const resource =
    target.bucket === undefined ? '/' : `/${target.bucket}${target.key === undefined ? '' : `/${target.key}`}`;
  try {
    const where = {
      ...(target.bucket === undefined ? {} : { bucket: target.bucket }),
      ...(target.key === undefined ? {} : { key: target.key }),
    };
    const name = matchRestXmlOperation(ctx.models.s3, parts.method, where, query, parts.headers);
    const operation = name === undefined ? undefined : s3Operations.get(name);
    handled.operation = name;
    progress.operation = name;
    if (!operation) {
      throw new AwsError('NotImplemented', `iamd does not implement this S3 operation${name ? ` (${name})` : ''} yet.`);
    }
    const presigned = query.has('X-Amz-Signature');
    const payloadHash = payloadHashOf(req, query, presigned);
    // Only a SigV4 header needs it; other schemes get their own, clearer error from authenticate.
    const sigv4Header = req.headers.authorization?.startsWith(ALGORITHM) === true;
    if (!presigned && sigv4Header && req.headers['x-amz-content-sha256'] === undefined) {
      throw new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    }
    const now = ctx.services.clock.now();
    const { caller, auth, signingKey } = await authenticate(parts, {
      mode: operation.auth,
      dialect: 's3',
      service: 's3',
      payloadHash,
      normalizePath: false,
      services: ctx.services,
      cache: ctx.signingKeys,
      now,
      trace: progress.trace,
    });
    const upload = operation.streamingInput
      ? uploadBody(req, payloadHash, auth, signingKey, ctx.maxObjectBytes)
      : undefined;
    const body = upload ? undefined : await configBody(req, payloadHash);
    const input = decodeRestXmlRequest(ctx.models.s3, operation.name, {
      ...where,
      query,
      headers: parts.headers,
      ...(body ? { body } : {}),
    });
    const facts = {
      ...requestFacts(req, requestId, now, auth?.region ?? ctx.region),
      serviceContext: s3RequestKeys(req, auth, now),
    };
    progress.ran = true;
    const output = await runOperation(operation, input, {
      caller,
      facts,
      services: ctx.services,
      body: upload?.body,
      integrity: upload?.integrity,
    });
    const encoded = encodeRestXmlResponse(ctx.models.s3, operation.name, output as Record<string, unknown> | undefined);
    const headers: Record<string, string | number> = { ...encoded.headers, 'x-amz-request-id': requestId };
    const status = statusOf(encoded, output);
    if (isStream(encoded.body)) {
      res.writeHead(status, headers);
      if (parts.method === 'HEAD') {
        encoded.body.destroy();
        res.end();
      } else if (isSendable(encoded.body)) {
        await encoded.body.sendTo(res);
      } else {
        await pipeline(encoded.body, res);
      }
      return handled;
    }
    const payload = encoded.body === undefined || parts.method === 'HEAD' ? undefined : encoded.body;
    if (payload !== undefined && headers['content-length'] === undefined)
      headers['content-length'] = Buffer.byteLength(payload);
    res.writeHead(status, headers);
    res.end(payload);
  } catch (error) {
    const awsError = isAwsError(error) ? error : new AwsError('InternalFailure', undefined, { cause: error });
    if (!isAwsError(error)) ctx.logger.error({ err: error, requestId }, 'unhandled error in S3 request');
    handled.errorCode = awsError.code;
    recordRefusal(ctx, req, requestId, 's3', progress, awsError);
    if (res.headersSent) {
      res.destroy();
      return handled;
    }
    const details = awsError instanceof S3DetailedError ? awsError.details : [];
    const rendered = encodeS3Error(awsError, requestId, resource, details);
    // Headers the error carries, e.g. x-amz-delete-marker on a deleted key's 404 (GetObject API reference).
    Object.assign(rendered.headers, awsError.headers);
    // An upload refused before its body was read: close the connection instead of reading the rest.
    if (!req.readableEnded) rendered.headers['connection'] = 'close';
    // 304 Not Modified has no body (RFC 9110 §15.4.5).
    const bodyless = parts.method === 'HEAD' || rendered.status === 304;
    if (rendered.status === 304) delete rendered.headers['content-type'];
    res.writeHead(rendered.status, rendered.headers);
    res.end(bodyless ? undefined : rendered.body);
    if (!req.readableEnded) req.resume();
  }
  return handled;
}

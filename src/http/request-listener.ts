/**
 * @module http/request-listener
 * The one `node:http` listener for every AWS API: request id, routing, the protocol handler, the access log.
 * Access-log lines carry method, path, service, operation, status and time — never query strings (presigned URLs
 * hold signatures and session tokens) or headers.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/errors.js';
import { encodeQueryError } from '../protocols/index.js';
import type { HttpRequestParts } from '../sigv4/index.js';
import type { HandledRequest, HttpContext } from './context.js';
import { handleContainerCredentials } from './container-credentials/index.js';
import { handleEc2Query, handleInstancesApi } from './imds/index.js';
import { handleInternal } from './internal.js';
import { handleJson } from './json-handler.js';
import { handleQuery } from './query-handler.js';
import { requestHeaders } from './request-headers.js';
import { route } from './route.js';
import { handleS3Control } from './s3-control-handler.js';
import { handleS3 } from './s3-handler.js';

/** iamd's own signed JSON APIs, by path prefix (the CLI's `instance run` and `exec`). */
const internalApis = [
  { prefix: '/_iamd/instances', handle: handleInstancesApi },
  { prefix: '/_iamd/container-credentials', handle: handleContainerCredentials },
];

function unsupported(ctx: HttpContext, res: ServerResponse, service: string, requestId: string): HandledRequest {
  const error = new AwsError('InvalidAction', `iamd does not serve the ${service} service.`);
  const xml = encodeQueryError(ctx.models.sts, error, requestId);
  res.writeHead(error.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  res.end(xml);
  return { service, errorCode: error.code };
}

/**
 * Creates the request listener.
 *
 * @example
 * http.createServer(createRequestListener(ctx));
 */
export function createRequestListener(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = ctx.services.random.uuid();
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const parts: HttpRequestParts = {
      method: req.method ?? 'GET',
      path: mark < 0 ? url : url.slice(0, mark),
      query: mark < 0 ? '' : url.slice(mark + 1),
      headers: requestHeaders(req),
    };
    const target = route({
      method: parts.method,
      rawPath: parts.path,
      query: new URLSearchParams(parts.query),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      host: req.headers.host,
      target: req.headers['x-amz-target'] as string | undefined,
      accountId: req.headers['x-amz-account-id'] as string | undefined,
    });
    const done = (handled: HandledRequest) => {
      ctx.logger.info(
        {
          requestId,
          method: parts.method,
          path: parts.path,
          service: handled.service,
          operation: handled.operation,
          status: res.statusCode,
          errorCode: handled.errorCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    };
    const fail = (error: unknown) => {
      ctx.logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    };
    switch (target.kind) {
      case 'internal': {
        const api = internalApis.find(({ prefix }) => parts.path === prefix || parts.path.startsWith(`${prefix}/`));
        if (api) api.handle(ctx, req, res, parts, requestId).then(done, fail);
        else handleInternal(parts.path, parts.method, res);
        return;
      }
      case 'query':
        handleQuery(ctx, req, res, parts, target.service, requestId).then(done, fail);
        return;
      case 'json':
        handleJson(ctx, req, res, parts, requestId).then(done, fail);
        return;
      case 'ec2':
        handleEc2Query(ctx, req, res, parts, requestId).then(done, fail);
        return;
      case 's3':
        handleS3(ctx, req, res, parts, target, requestId).then(done, fail);
        return;
      case 's3control':
        handleS3Control(ctx, req, res, parts, requestId).then(done, fail);
        return;
      case 'unsupported':
        done(unsupported(ctx, res, target.service, requestId));
        return;
    }
  };
}

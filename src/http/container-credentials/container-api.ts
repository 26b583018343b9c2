/**
 * @module http/container-credentials/container-api
 * The container credentials endpoint (WIRE.md §4.2) and its registration:
 * - `GET /_iamd/container-credentials/v1/<id>` with `Authorization: <token>` (the raw token, no scheme, as the SDKs
 *   send `AWS_CONTAINER_AUTHORIZATION_TOKEN`) → `{AccessKeyId, SecretAccessKey, Token, Expiration, RoleArn,
 *   AccountId}`; errors as `{Code, Message}`, which the JS SDK reads. Unsigned: the token is the credential.
 * - `POST /_iamd/container-credentials` (signed) registers a grant (./register-grant.ts);
 *   `DELETE /_iamd/container-credentials/v1/<id>` (signed, by its owner) ends it.
 * The SDKs accept plain-http FULL_URIs only on loopback hosts, so workloads reach this through `127.0.0.1`/`localhost`.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { callerDisplayArn } from '../../core/authz/index.js';
import { AwsError } from '../../core/errors.js';
import type { HttpRequestParts } from '../../sigv4/index.js';
import type { HandledRequest, HttpContext } from '../context.js';
import { readSignedJson, sendJson, sendJsonError } from '../imds/index.js';
import { requestFacts } from '../request-facts.js';
import { grantCredentials } from './issue.js';
import { registerGrant } from './register-grant.js';

const seconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

async function serveCredentials(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  requestId: string,
): Promise<void> {
  req.resume();
  const token = req.headers.authorization;
  const grant = ctx.services.ec2.containerGrants.authenticate(id, token);
  if (!grant) throw new AwsError('AccessDenied', 'The authorization token is not valid for this credentials endpoint.');
  const facts = requestFacts(req, requestId, ctx.services.clock.now(), ctx.region);
  const set = await grantCredentials(ctx.services, grant, facts);
  sendJson(
    res,
    200,
    {
      AccessKeyId: set.accessKeyId,
      SecretAccessKey: set.secretAccessKey,
      Token: set.sessionToken,
      Expiration: seconds(set.expiration),
      RoleArn: set.roleArn,
      AccountId: set.accountId,
    },
    requestId,
  );
}

/**
 * Handles a request under `/_iamd/container-credentials`.
 *
 * @example
 * await handleContainerCredentials(ctx, req, res, parts, requestId);
 */
export async function handleContainerCredentials(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: HttpRequestParts,
  requestId: string,
): Promise<HandledRequest> {
  const handled: HandledRequest = { service: 'iamd-container-credentials' };
  try {
    const id = /^\/_iamd\/container-credentials\/v1\/([0-9a-f]+)$/.exec(parts.path)?.[1];
    if (id !== undefined && (parts.method === 'GET' || parts.method === 'HEAD')) {
      handled.operation = 'GetCredentials';
      await serveCredentials(ctx, req, res, id, requestId);
    } else if (parts.path === '/_iamd/container-credentials' && parts.method === 'POST') {
      handled.operation = 'RegisterGrant';
      const { caller, facts, body } = await readSignedJson(ctx, req, parts, requestId);
      sendJson(res, 200, await registerGrant(ctx.services, caller, facts, body), requestId);
    } else if (id !== undefined && parts.method === 'DELETE') {
      handled.operation = 'RevokeGrant';
      const { caller } = await readSignedJson(ctx, req, parts, requestId);
      const revoked = ctx.services.ec2.containerGrants.revoke(id, callerDisplayArn(caller));
      sendJson(res, 200, { Revoked: revoked }, requestId);
    } else {
      throw new AwsError('InvalidAction', `No internal endpoint ${parts.method} ${parts.path}`);
    }
  } catch (error) {
    handled.errorCode = sendJsonError(ctx, res, error, requestId);
  }
  return handled;
}

/**
 * @module http/imds/instances-api
 * `/_iamd/instances`: what `iamd instance run` calls to launch an instance, learn its metadata endpoint (which the
 * EC2 API has no field for) and terminate it. Each route runs the EC2 operation of the same meaning
 * (RunInstances, DescribeInstances, TerminateInstances), so authorization — `iam:PassRole` included — is identical.
 *
 * - `POST /_iamd/instances` with a RunInstances-shaped JSON body (`IamInstanceProfile`, `MetadataOptions`,
 *   `TagSpecifications`) → `{ InstanceId, State, MetadataEndpoint, Region }` (one instance).
 * - `GET /_iamd/instances/<id>` → the same document.
 * - `DELETE /_iamd/instances/<id>` → `{ InstanceId, State }` after termination.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ec2 } from '../../core/ec2/index.js';
import { AwsError } from '../../core/errors.js';
import { type AnyOperation, ec2Operations } from '../../operations/index.js';
import type { HttpRequestParts } from '../../sigv4/index.js';
import type { HandledRequest, HttpContext } from '../context.js';
import { runOperation } from '../pipeline.js';
import { readSignedJson, sendJson, sendJsonError } from './signed-json.js';

const operation = (name: string): AnyOperation => {
  const found = ec2Operations.get(name);
  if (!found) throw new Error(`no EC2 operation ${name}`);
  return found;
};

function describe(ctx: HttpContext, instance: Ec2.Instance) {
  return {
    InstanceId: instance.InstanceId,
    State: instance.State.Name,
    MetadataEndpoint: ctx.services.ec2.metadataEndpointOf(instance.InstanceId),
    Region: ctx.services.region,
    IamInstanceProfile: instance.IamInstanceProfile,
  };
}

/**
 * Handles a request under `/_iamd/instances`.
 *
 * @example
 * await handleInstancesApi(ctx, req, res, parts, requestId);
 */
export async function handleInstancesApi(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: HttpRequestParts,
  requestId: string,
): Promise<HandledRequest> {
  const handled: HandledRequest = { service: 'iamd-instances' };
  try {
    const { caller, facts, body } = await readSignedJson(ctx, req, parts, requestId);
    const context = { caller, facts, services: ctx.services };
    const id = /^\/_iamd\/instances\/([^/]+)$/.exec(parts.path)?.[1];
    if (parts.path === '/_iamd/instances' && parts.method === 'POST') {
      handled.operation = 'RunInstances';
      const input = { ...body, MinCount: 1, MaxCount: 1 };
      const reservation = (await runOperation(operation('RunInstances'), input, context)) as Ec2.Reservation;
      const [instance] = reservation.Instances;
      if (!instance) throw new AwsError('InternalFailure');
      sendJson(res, 200, { ...describe(ctx, instance), State: 'running' }, requestId);
    } else if (id !== undefined && parts.method === 'GET') {
      handled.operation = 'DescribeInstances';
      const output = (await runOperation(operation('DescribeInstances'), { InstanceIds: [id] }, context)) as {
        Reservations: Ec2.Reservation[];
      };
      const instance = output.Reservations[0]?.Instances[0];
      if (!instance) throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
      sendJson(res, 200, describe(ctx, instance), requestId);
    } else if (id !== undefined && parts.method === 'DELETE') {
      handled.operation = 'TerminateInstances';
      await runOperation(operation('TerminateInstances'), { InstanceIds: [id] }, context);
      sendJson(res, 200, { InstanceId: id, State: 'terminated' }, requestId);
    } else {
      throw new AwsError('InvalidAction', `No internal endpoint ${parts.method} ${parts.path}`);
    }
  } catch (error) {
    handled.errorCode = sendJsonError(ctx, res, error, requestId);
  }
  return handled;
}

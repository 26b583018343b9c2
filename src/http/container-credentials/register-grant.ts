/**
 * @module http/container-credentials/register-grant
 * `POST /_iamd/container-credentials`, signed by the caller: registers a grant for `RoleArn`. The caller's own
 * AssumeRole is tried first, authorized exactly as the STS operation (trust policy, identity policies, ExternalId,
 * MFA keys); if the caller may not assume the role but may pass it to ECS (`iam:PassRole` with
 * `iam:PassedToService` = `ecs-tasks.amazonaws.com`) and the role trusts ECS tasks, the grant assumes it as a task.
 * Otherwise the caller's denial is returned, with the statement that decided it.
 */

import type { AuthorizationSpec, Caller, RequestFacts } from '../../core/authz/index.js';
import { callerDisplayArn, denyMessage, isAccountCaller } from '../../core/authz/index.js';
import { decidingStatements, ECS_TASKS_PRINCIPAL, type GrantAssumeInput } from '../../core/ec2/index.js';
import { AwsError } from '../../core/errors.js';
import type { Services } from '../../core/services.js';
import { stsOperations } from '../../operations/index.js';
import { assumeAsCaller } from './issue.js';

/** What the endpoint answers. */
export interface RegisteredGrant {
  readonly Path: string;
  readonly AuthorizationToken: string;
  readonly Mode: 'caller' | 'task';
  readonly RoleArn: string;
  readonly Expiration: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The first spec of `specs` that `caller` is denied, with the explanation, or `undefined` when all are allowed. */
async function firstDenial(
  services: Services,
  caller: Caller,
  specs: readonly AuthorizationSpec[],
  facts: RequestFacts,
) {
  for (const spec of specs) {
    const { decision } = await services.authorizer.decide(caller, spec, facts);
    if (decision.outcome !== 'Allow') {
      return denyMessage(callerDisplayArn(caller), spec.action, spec.resource, decision) + decidingStatements(decision);
    }
  }
  return undefined;
}

/**
 * Registers a grant for the signed caller.
 *
 * @example
 * await registerGrant(services, caller, facts, { RoleArn: 'arn:aws:iam::000000000000:role/app' });
 */
export async function registerGrant(
  services: Services,
  caller: Caller,
  facts: RequestFacts,
  body: Record<string, unknown>,
): Promise<RegisteredGrant> {
  if (!isAccountCaller(caller)) throw new AwsError('MissingAuthenticationToken');
  const roleArn = text(body['RoleArn']);
  if (!roleArn) throw new AwsError('MissingParameter', 'The request must contain the parameter RoleArn');
  const assume: GrantAssumeInput = {
    RoleArn: roleArn,
    RoleSessionName: text(body['RoleSessionName']) ?? `iamd-exec-${services.random.bytes(4).toString('hex')}`,
    ExternalId: text(body['ExternalId']),
    SerialNumber: text(body['SerialNumber']),
    TokenCode: text(body['TokenCode']),
  };
  const grants = services.ec2.containerGrants;
  const ownerArn = callerDisplayArn(caller);
  const base = { caller, ownerArn, accountId: caller.accountId, assume };
  const assumeRole = stsOperations.get('AssumeRole');
  if (!assumeRole) throw new Error('no AssumeRole operation');
  const context = { caller, facts, services };
  const authorization = await assumeRole.authorize(assume, context);
  const specs = authorization === 'skip' ? [] : Array.isArray(authorization) ? authorization : [authorization];
  const callerDenial = await firstDenial(services, caller, specs as AuthorizationSpec[], facts);
  if (callerDenial === undefined) {
    const expiresAt = caller.kind === 'assumed-role' ? caller.expiresAt : undefined;
    const { grant, token } = grants.create({ ...base, mode: 'caller', expiresAt });
    grants.remember(grant.id, await assumeAsCaller(services, grant, facts));
    return response(grant.id, token, 'caller', roleArn, grant.expiresAt);
  }
  const role = await grants.role(roleArn);
  const passRole: AuthorizationSpec = {
    action: 'iam:PassRole',
    resource: roleArn,
    context: { 'iam:PassedToService': ECS_TASKS_PRINCIPAL },
  };
  if (role && (await firstDenial(services, caller, [passRole], facts)) === undefined) {
    const { grant, token } = grants.create({ ...base, mode: 'task' });
    const outcome = await grants.taskCredentials(grant, services.region);
    if (outcome?.kind === 'issued') return response(grant.id, token, 'task', roleArn, grant.expiresAt);
    grants.revoke(grant.id, ownerArn);
  }
  throw new AwsError('AccessDenied', callerDenial);
}

function response(
  id: string,
  token: string,
  mode: 'caller' | 'task',
  roleArn: string,
  expiresAt: Date,
): RegisteredGrant {
  return {
    Path: `/_iamd/container-credentials/v1/${id}`,
    AuthorizationToken: token,
    Mode: mode,
    RoleArn: roleArn,
    Expiration: expiresAt.toISOString(),
  };
}

/**
 * @module http/container-credentials/issue
 * Issues the credentials of a grant. Caller-mode grants run the STS AssumeRole operation again as the caller who
 * registered them — authorize step included, so a trust or identity policy changed since then applies at the next
 * rotation; task-mode grants get the role assumed by `ecs-tasks.amazonaws.com` (core/ec2/role-credentials).
 */

import type { RequestFacts } from '../../core/authz/index.js';
import type { ContainerGrant, RoleCredentialSet } from '../../core/ec2/index.js';
import { AwsError } from '../../core/errors.js';
import type { Services } from '../../core/services.js';
import { stsOperations } from '../../operations/index.js';
import type { Sts } from '../../shapes/index.js';
import { runOperation } from '../pipeline.js';

/** Session length of caller-mode credentials: STS's default, and the cap for role chaining. */
const CALLER_SESSION_SECONDS = 3600;

/** AssumeRole as the grant's caller; throws the AccessDenied of a denied refresh. */
export async function assumeAsCaller(
  services: Services,
  grant: ContainerGrant,
  facts: RequestFacts,
): Promise<RoleCredentialSet> {
  const assumeRole = stsOperations.get('AssumeRole');
  if (!assumeRole) throw new Error('no AssumeRole operation');
  const input = { ...grant.assume, DurationSeconds: CALLER_SESSION_SECONDS };
  const output = (await runOperation(assumeRole, input, {
    caller: grant.caller,
    facts,
    services,
  })) as Sts.AssumeRoleResponse;
  const credentials = output.Credentials;
  if (!credentials) throw new AwsError('InternalFailure');
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
    lastUpdated: facts.time,
    roleArn: grant.assume.RoleArn,
    accountId: grant.accountId,
  };
}

/** The grant's current credentials, issuing or rotating as needed. */
export async function grantCredentials(
  services: Services,
  grant: ContainerGrant,
  facts: RequestFacts,
): Promise<RoleCredentialSet> {
  const grants = services.ec2.containerGrants;
  if (grant.mode === 'task') {
    const outcome = await grants.taskCredentials(grant, services.region);
    if (!outcome) throw new AwsError('AccessDenied', `The role ${grant.assume.RoleArn} no longer exists.`);
    if (outcome.kind === 'denied') throw new AwsError('AccessDenied', outcome.message);
    return outcome.set;
  }
  const current = grants.current(grant.id);
  if (current) return current;
  const set = await assumeAsCaller(services, grant, facts);
  grants.remember(grant.id, set);
  return set;
}

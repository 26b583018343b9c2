/**
 * @module core/audit/last-accessed-scope
 * What a service last accessed report covers, from the ARN given to GenerateServiceLastAccessedDetails (IAM API
 * reference): the permissions policies that decide which services are listed, and the IAM users and roles whose
 * activity counts — the user or role itself; a group's members ("users in the group that could have used the
 * group's policies"); for a managed policy, the users and roles it is attached to and the members of the groups it
 * is attached to ("entities (users or roles) that could have used the policy"). Only this account's entities count.
 */

import { parseArn } from '../../arn/index.js';
import type { GroupRecord, PrincipalRef, RoleRecord, UserRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamStore } from '../ports.js';

/** An IAM user or role whose activity a report counts (the `EntityInfo` of GetServiceLastAccessedDetailsWithEntities). */
export interface ReportEntity {
  readonly type: 'USER' | 'ROLE';
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly path: string;
}

/** The policies and entities of one report. */
export interface ReportScope {
  readonly documents: readonly string[];
  readonly entities: readonly ReportEntity[];
}

const userEntity = (user: UserRecord): ReportEntity => ({
  type: 'USER',
  arn: user.arn,
  name: user.userName,
  id: user.userId,
  path: user.path,
});

const roleEntity = (role: RoleRecord): ReportEntity => ({
  type: 'ROLE',
  arn: role.arn,
  name: role.roleName,
  id: role.roleId,
  path: role.path,
});

async function managedDocument(iam: IamStore, arn: string): Promise<string | undefined> {
  const policy = await iam.getPolicy(arn);
  if (!policy) return undefined;
  return (await iam.getPolicyVersion(arn, policy.defaultVersionId))?.document;
}

/** The documents of the managed and inline policies attached directly to a user, group or role. */
async function ownDocuments(iam: IamStore, owner: PrincipalRef): Promise<string[]> {
  const documents: string[] = [];
  for (const arn of await iam.listAttachedPolicies(owner)) {
    const document = await managedDocument(iam, arn);
    if (document !== undefined) documents.push(document);
  }
  for (const inline of await iam.listInlinePolicies(owner)) documents.push(inline.document);
  return documents;
}

const notFound = (kind: string, name: string) =>
  new AwsError('NoSuchEntity', `The ${kind} with name ${name} cannot be found.`);

async function userScope(iam: IamStore, accountId: string, name: string): Promise<ReportScope> {
  const user = await iam.getUser(accountId, name);
  if (!user) throw notFound('user', name);
  const documents = await ownDocuments(iam, { accountId, kind: 'user', name: user.userName });
  for (const group of await iam.listGroupsForUser(accountId, user.userName)) {
    documents.push(...(await ownDocuments(iam, { accountId, kind: 'group', name: group.groupName })));
  }
  return { documents, entities: [userEntity(user)] };
}

async function roleScope(iam: IamStore, accountId: string, name: string): Promise<ReportScope> {
  const role = await iam.getRole(accountId, name);
  if (!role) throw notFound('role', name);
  return {
    documents: await ownDocuments(iam, { accountId, kind: 'role', name: role.roleName }),
    entities: [roleEntity(role)],
  };
}

async function groupScope(iam: IamStore, accountId: string, name: string): Promise<ReportScope> {
  const group: GroupRecord | undefined = await iam.getGroup(accountId, name);
  if (!group) throw notFound('group', name);
  const members = await iam.listGroupMembers(accountId, group.groupName);
  return {
    documents: await ownDocuments(iam, { accountId, kind: 'group', name: group.groupName }),
    entities: members.map(userEntity),
  };
}

async function policyScope(iam: IamStore, accountId: string, arn: string): Promise<ReportScope> {
  const document = await managedDocument(iam, arn);
  if (document === undefined) throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`);
  const entities = new Map<string, ReportEntity>();
  for (const owner of await iam.listPolicyAttachments(arn)) {
    if (owner.accountId !== accountId) continue;
    if (owner.kind === 'role') {
      const role = await iam.getRole(accountId, owner.name);
      if (role) entities.set(role.arn, roleEntity(role));
      continue;
    }
    const users =
      owner.kind === 'user'
        ? [await iam.getUser(accountId, owner.name)]
        : await iam.listGroupMembers(accountId, owner.name);
    for (const user of users) if (user) entities.set(user.arn, userEntity(user));
  }
  return { documents: [document], entities: [...entities.values()] };
}

/**
 * The scope of a report on `arn`, an IAM user, group, role or managed policy of `accountId` (or an AWS managed
 * policy); `NoSuchEntity` when it does not exist, `InvalidInput` when the ARN names nothing of those kinds.
 *
 * @example
 * const { documents, entities } = await reportScope(iam, '000000000000', 'arn:aws:iam::000000000000:role/app');
 */
export async function reportScope(iam: IamStore, accountId: string, arn: string): Promise<ReportScope> {
  const parsed = parseArn(arn);
  const slash = parsed?.resource.indexOf('/') ?? -1;
  if (parsed?.service !== 'iam' || slash < 0) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
  const kind = parsed.resource.slice(0, slash);
  const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
  const own = parsed.account === accountId;
  if (kind === 'policy' && (own || parsed.account === 'aws')) return policyScope(iam, accountId, arn);
  if (kind === 'user' || kind === 'role' || kind === 'group') {
    if (!own) throw notFound(kind, name);
    if (kind === 'user') return userScope(iam, accountId, name);
    if (kind === 'role') return roleScope(iam, accountId, name);
    return groupScope(iam, accountId, name);
  }
  if (kind === 'policy') throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`);
  throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
}

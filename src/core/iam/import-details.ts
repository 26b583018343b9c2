/**
 * @module core/iam/import-details
 * Applies a `GetAccountAuthorizationDetails` document (what `aws iam get-account-authorization-details` prints) to
 * an account, so a real account's IAM can be mirrored locally. Entities keep their unique ids, paths, dates, tags,
 * boundaries, inline policies, attachments, memberships, instance profiles and every policy version; ARNs of the
 * source account are rewritten to the target account. Applying the same document again changes nothing: existing
 * entities are kept, and their policies, attachments and memberships converge on the document.
 */

import type { GroupRecord, ManagedPolicyRecord, PrincipalRef, RoleRecord, Tag, UserRecord } from '../entities.js';
import type { IamDeps } from './deps.js';
import { AWS_POLICY_PREFIX } from './aws-managed-store.js';
import { assertValidDocument } from './documents.js';

/** The subset of the details document this reads (the AWS CLI prints documents as JSON values). */
export interface DetailsDocument {
  readonly UserDetailList?: readonly DetailsEntity[];
  readonly GroupDetailList?: readonly DetailsEntity[];
  readonly RoleDetailList?: readonly DetailsEntity[];
  readonly Policies?: readonly DetailsEntity[];
}

/** One entry of any of the four lists; fields are read defensively. */
export type DetailsEntity = Readonly<Record<string, unknown>>;

/** What an import did. */
export interface ImportReport {
  readonly created: { users: number; groups: number; roles: number; policies: number; instanceProfiles: number };
  /** Documents stored although iamd's grammar rejects them (they grant nothing until fixed). */
  readonly warnings: string[];
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const list = (value: unknown): readonly DetailsEntity[] => (Array.isArray(value) ? value : []);
const date = (value: unknown): Date =>
  typeof value === 'string' || value instanceof Date ? new Date(value) : new Date(0);
const tags = (value: unknown): Tag[] => list(value).map((t) => ({ Key: text(t['Key']), Value: text(t['Value']) }));

/** `RoleLastUsed` as stored, when it names a date. */
function lastUsedOf(value: unknown): RoleRecord['lastUsed'] {
  const used = (value ?? {}) as DetailsEntity;
  if (used['LastUsedDate'] === undefined) return undefined;
  return { date: date(used['LastUsedDate']), region: text(used['Region']) };
}

/** A document as stored: JSON text, whether it came as a JSON value, URL-encoded text or plain text. */
export function documentText(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return value.trimStart().startsWith('{') ? value : decodeURIComponent(value);
}

/** Applies details documents to accounts. */
export class DetailsImporter {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  /**
   * Imports `details` into `accountId`, reporting progress as entities are applied.
   *
   * @example
   * const report = await importer.apply('000000000000', JSON.parse(text), (done, total) => bar.update(done, total));
   */
  async apply(
    accountId: string,
    details: DetailsDocument,
    progress: (done: number, total: number) => void = () => {},
  ): Promise<ImportReport> {
    const source = /arn:aws:iam::(\d{12}):/.exec(JSON.stringify(details))?.[1];
    const remap = (value: string) =>
      source ? value.split(`arn:aws:iam::${source}:`).join(`arn:aws:iam::${accountId}:`) : value;
    const report: ImportReport = {
      created: { users: 0, groups: 0, roles: 0, policies: 0, instanceProfiles: 0 },
      warnings: [],
    };
    const checked = (document: string, where: string): string => {
      try {
        assertValidDocument(document, 'identity');
      } catch (error) {
        report.warnings.push(`${where}: ${(error as Error).message}`);
      }
      return document;
    };
    const steps = [
      ...list(details.Policies).map((p) => () => this.#policy(accountId, p, remap, report, checked)),
      ...list(details.GroupDetailList).map((g) => () => this.#group(accountId, g, remap, report, checked)),
      ...list(details.UserDetailList).map((u) => () => this.#user(accountId, u, remap, report, checked)),
      ...list(details.RoleDetailList).map((r) => () => this.#role(accountId, r, remap, report, checked)),
    ];
    for (const [i, step] of steps.entries()) {
      await step();
      progress(i + 1, steps.length);
    }
    this.#deps.tracker.bump();
    return report;
  }

  async #policy(
    accountId: string,
    p: DetailsEntity,
    remap: (value: string) => string,
    report: ImportReport,
    checked: (document: string, where: string) => string,
  ): Promise<void> {
    const arn = remap(text(p['Arn']));
    if (arn.startsWith(AWS_POLICY_PREFIX)) return;
    const store = this.#deps.store;
    const versions = list(p['PolicyVersionList']).map((v) => ({
      policyArn: arn,
      versionId: text(v['VersionId'], 'v1'),
      document: checked(remap(documentText(v['Document'])), `${arn} ${text(v['VersionId'])}`),
      createDate: date(v['CreateDate']),
    }));
    const defaultVersionId = text(p['DefaultVersionId'], 'v1');
    const defaultVersion = versions.find((v) => v.versionId === defaultVersionId) ?? versions[0];
    if (!defaultVersion) return;
    const policy: ManagedPolicyRecord = {
      accountId,
      policyName: text(p['PolicyName']),
      policyId: text(p['PolicyId']),
      path: text(p['Path'], '/'),
      arn,
      defaultVersionId: defaultVersion.versionId,
      description: typeof p['Description'] === 'string' ? p['Description'] : undefined,
      createDate: date(p['CreateDate']),
      updateDate: date(p['UpdateDate'] ?? p['CreateDate']),
      tags: tags(p['Tags']),
    };
    if (await store.createPolicy(policy, defaultVersion)) report.created.policies += 1;
    for (const version of versions) {
      if (!(await store.getPolicyVersion(arn, version.versionId))) await store.createPolicyVersion(version, false);
    }
  }

  async #owned(
    owner: PrincipalRef,
    inline: unknown,
    attached: unknown,
    remap: (value: string) => string,
    checked: (document: string, where: string) => string,
  ): Promise<void> {
    const store = this.#deps.store;
    for (const p of list(inline)) {
      const name = text(p['PolicyName']);
      const document = checked(remap(documentText(p['PolicyDocument'])), `${owner.kind} ${owner.name} policy ${name}`);
      await store.putInlinePolicy({ owner, policyName: name, document });
    }
    for (const a of list(attached)) await store.attachPolicy(owner, remap(text(a['PolicyArn'])));
  }

  async #group(
    accountId: string,
    g: DetailsEntity,
    remap: (value: string) => string,
    report: ImportReport,
    checked: (document: string, where: string) => string,
  ): Promise<void> {
    const group: GroupRecord = {
      accountId,
      groupName: text(g['GroupName']),
      groupId: text(g['GroupId']),
      path: text(g['Path'], '/'),
      arn: remap(text(g['Arn'])),
      createDate: date(g['CreateDate']),
    };
    if (await this.#deps.store.createGroup(group)) report.created.groups += 1;
    const owner: PrincipalRef = { accountId, kind: 'group', name: group.groupName };
    await this.#owned(owner, g['GroupPolicyList'], g['AttachedManagedPolicies'], remap, checked);
  }

  async #user(
    accountId: string,
    u: DetailsEntity,
    remap: (value: string) => string,
    report: ImportReport,
    checked: (document: string, where: string) => string,
  ): Promise<void> {
    const store = this.#deps.store;
    const boundary = (u['PermissionsBoundary'] as DetailsEntity | undefined)?.['PermissionsBoundaryArn'];
    const user: UserRecord = {
      accountId,
      userName: text(u['UserName']),
      userId: text(u['UserId']),
      path: text(u['Path'], '/'),
      arn: remap(text(u['Arn'])),
      createDate: date(u['CreateDate']),
      tags: tags(u['Tags']),
      permissionsBoundaryArn: typeof boundary === 'string' ? remap(boundary) : undefined,
    };
    if (await store.createUser(user)) report.created.users += 1;
    const owner: PrincipalRef = { accountId, kind: 'user', name: user.userName };
    await this.#owned(owner, u['UserPolicyList'], u['AttachedManagedPolicies'], remap, checked);
    for (const groupName of Array.isArray(u['GroupList']) ? u['GroupList'] : []) {
      if (typeof groupName === 'string') await store.addUserToGroup(accountId, groupName, user.userName);
    }
  }

  async #role(
    accountId: string,
    r: DetailsEntity,
    remap: (value: string) => string,
    report: ImportReport,
    checked: (document: string, where: string) => string,
  ): Promise<void> {
    const store = this.#deps.store;
    const boundary = (r['PermissionsBoundary'] as DetailsEntity | undefined)?.['PermissionsBoundaryArn'];
    const role: RoleRecord = {
      accountId,
      roleName: text(r['RoleName']),
      roleId: text(r['RoleId']),
      path: text(r['Path'], '/'),
      arn: remap(text(r['Arn'])),
      createDate: date(r['CreateDate']),
      assumeRolePolicyDocument: remap(documentText(r['AssumeRolePolicyDocument'] ?? {})),
      description: typeof r['Description'] === 'string' ? r['Description'] : undefined,
      maxSessionDuration: typeof r['MaxSessionDuration'] === 'number' ? r['MaxSessionDuration'] : 3600,
      tags: tags(r['Tags']),
      permissionsBoundaryArn: typeof boundary === 'string' ? remap(boundary) : undefined,
      lastUsed: lastUsedOf(r['RoleLastUsed']),
    };
    if (await store.createRole(role)) report.created.roles += 1;
    const owner: PrincipalRef = { accountId, kind: 'role', name: role.roleName };
    await this.#owned(owner, r['RolePolicyList'], r['AttachedManagedPolicies'], remap, checked);
    for (const p of list(r['InstanceProfileList'])) {
      const name = text(p['InstanceProfileName']);
      const created = await store.createInstanceProfile({
        accountId,
        instanceProfileName: name,
        instanceProfileId: text(p['InstanceProfileId']),
        path: text(p['Path'], '/'),
        arn: remap(text(p['Arn'])),
        createDate: date(p['CreateDate']),
        roleNames: [],
        tags: tags(p['Tags']),
      });
      if (created) report.created.instanceProfiles += 1;
      const profile = await store.getInstanceProfile(accountId, name);
      const folded = role.roleName.toLowerCase();
      if (profile && !profile.roleNames.some((n) => n.toLowerCase() === folded)) {
        await store.setInstanceProfileRoles(accountId, name, [...profile.roleNames, role.roleName]);
      }
    }
  }
}

/**
 * @module operations/iam-targets
 * The resources IAM operations authorize against: ARNs with the entity's real path (so path-scoped policies
 * match), its tags as `aws:ResourceTag/*` and `iam:ResourceTag/*`, and the request's tags as `aws:RequestTag/*`
 * and `aws:TagKeys` (Service Authorization Reference, "Actions, resources, and condition keys for AWS Identity and
 * Access Management").
 */

import type { AuthorizationSpec, Caller } from '../core/authz/index.js';
import type { PrincipalKind, Tag } from '../core/entities.js';
import type { Services } from '../core/services.js';
import { accountOf } from './account-of.js';
import { resourceTagContext } from './resource-tags.js';

type Context = Record<string, string | readonly string[] | undefined>;

/** `arn:aws:iam::<caller's account>:<type><path><name>`. */
export const iamArnOf = (caller: Caller, type: string, path: string | undefined, name: string): string =>
  `arn:aws:iam::${accountOf(caller)}:${type}${path ?? '/'}${name}`;

/** An entity's ARN and resource-tag keys; a missing entity gets the ARN it would have at path `/`. */
export interface Target {
  readonly arn: string;
  readonly tags: Context;
}

/** Finds a user, group or role for authorization (without failing: the handler reports NoSuchEntity). */
export async function principalTarget(
  services: Services,
  caller: Caller,
  kind: PrincipalKind,
  name: string,
): Promise<Target> {
  const account = accountOf(caller);
  const iam = services.iam;
  const entity = await (kind === 'user'
    ? iam.users.require(account, name)
    : kind === 'role'
      ? iam.roles.require(account, name)
      : iam.groups.require(account, name)
  ).catch(() => undefined);
  const tags = entity && 'tags' in entity ? entity.tags : [];
  return { arn: entity?.arn ?? iamArnOf(caller, kind, '/', name), tags: resourceTagContext(tags, 'iam') };
}

/** Finds an instance profile for authorization. */
export async function profileTarget(services: Services, caller: Caller, name: string): Promise<Target> {
  const profile = await services.iam.instanceProfiles.require(accountOf(caller), name).catch(() => undefined);
  return {
    arn: profile?.arn ?? iamArnOf(caller, 'instance-profile', '/', name),
    tags: resourceTagContext(profile?.tags ?? [], 'iam'),
  };
}

/** The tags of a managed policy for authorization. */
export async function policyTags(services: Services, caller: Caller, policyArn: string): Promise<Context> {
  const policy = await services.iam.policies.require(accountOf(caller), policyArn).catch(() => undefined);
  return resourceTagContext(policy?.tags ?? [], 'iam');
}

/** `aws:RequestTag/*` and `aws:TagKeys` for requests that carry tags. */
export function requestTags(tags: readonly Tag[] | undefined): Context {
  if (!tags || tags.length === 0) return {};
  const context: Context = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value;
  return context;
}

/** An authorization of `action` on a user, group or role named by the input. */
export const onPrincipal =
  <I>(kind: PrincipalKind, action: string, nameOf: (input: I) => string, extra?: (input: I) => Context) =>
  async (input: I, { caller, services }: { caller: Caller; services: Services }): Promise<AuthorizationSpec> => {
    const target = await principalTarget(services, caller, kind, nameOf(input));
    return { action, resource: target.arn, context: { ...target.tags, ...extra?.(input) } };
  };

/** Runs a use case that answers nothing (the operation's output is empty). */
export const done =
  <A extends unknown[]>(work: (...args: A) => Promise<unknown>) =>
  async (...args: A): Promise<undefined> => {
    await work(...args);
    return undefined;
  };

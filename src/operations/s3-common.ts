/**
 * @module operations/s3-common
 * What every S3 operation table shares: authorizations on a bucket or one of its objects, owned by the bucket's
 * account and carrying its bucket policy (so requests to another account's bucket follow the cross-account rules),
 * and the S3 flavour of `defineOperation` (anonymous requests allowed; bucket policies may grant them).
 */

import { type AuthorizationSpec, type Caller, isAccountCaller } from '../core/authz/index.js';
import { existingTagKeys, isPublicPolicy, s3Arn, withoutAllows } from '../core/s3/index.js';
import type { Services } from '../core/services.js';
import { type AnyOperation, type Authorization, defineOperation } from './define-operation.js';

/**
 * An authorization on a bucket or (with `key`) one of its objects.
 *
 * @example
 * await onBucket(services, 's3:GetObject', 'photos', 'cat.jpg');
 */
export async function onBucket(
  services: Services,
  action: string,
  bucket: string,
  key?: string,
  context?: AuthorizationSpec['context'],
): Promise<AuthorizationSpec> {
  const info = await services.bucketPolicies.authInfo(bucket);
  return {
    action,
    resource: s3Arn(bucket, key),
    resourceAccount: info.owner,
    context,
    resourcePolicy:
      info.policy === undefined
        ? undefined
        : { document: info.policy, kind: 'resource', source: `${s3Arn(bucket)}#bucket-policy` },
  };
}

/**
 * An authorization on an existing object (or, with `versionId`, one version of it), with its
 * `s3:ExistingObjectTag/<key>` condition keys (Service Authorization Reference: GetObject, GetObjectTagging,
 * PutObjectTagging, DeleteObjectTagging …).
 */
export async function onTaggedObject(
  services: Services,
  action: string,
  bucket: string,
  key: string,
  context?: AuthorizationSpec['context'],
  versionId?: string,
): Promise<AuthorizationSpec> {
  const tags = await services.s3Objects.existingTags(bucket, key, versionId);
  return onBucket(services, action, bucket, key, { ...existingTagKeys(tags), ...context });
}

/**
 * The action of a request that may name a version, and its `s3:versionid` key: a `versionId` needs the `…Version…`
 * action instead of the plain one ("If you include a versionId in your request header, you must have the
 * s3:GetObjectVersion permission … The s3:GetObject permission is not required", GetObject API reference; the
 * Service Authorization Reference lists `s3:versionid` on each `…Version…` action).
 *
 * @example
 * versioned('s3:GetObject', 's3:GetObjectVersion', 'null'); // { action: 's3:GetObjectVersion', keys: { 's3:versionid': 'null' } }
 */
export function versioned(
  plain: string,
  versionAction: string,
  versionId: string | undefined,
): { action: string; keys: Record<string, string> } {
  return versionId === undefined
    ? { action: plain, keys: {} }
    : { action: versionAction, keys: { 's3:versionid': versionId } };
}

/**
 * {@link onTaggedObject} for a request that may name a version: the `…Version…` action and `s3:versionid` when it
 * does ({@link versioned}).
 *
 * @example
 * await onVersionedObject(services, 's3:GetObject', 's3:GetObjectVersion', { Bucket: 'b', Key: 'k', VersionId: 'null' });
 */
export function onVersionedObject(
  services: Services,
  plain: string,
  versionAction: string,
  target: { readonly Bucket: string; readonly Key: string; readonly VersionId?: string | undefined },
  context: Record<string, string | readonly string[]> = {},
): Promise<AuthorizationSpec> {
  const { action, keys } = versioned(plain, versionAction, target.VersionId);
  return onTaggedObject(services, action, target.Bucket, target.Key, { ...context, ...keys }, target.VersionId);
}

/** An S3 operation: anonymous callers reach the authorize step, where only a bucket policy can let them in. */
export const s3Op = <I, O>(name: string, spec: Parameters<typeof defineOperation<I, O>>[2]) =>
  defineOperation<I, O>('s3', name, { auth: 'optional', ...spec });

/**
 * Block Public Access "RestrictPublicBuckets": when the bucket has it on and its policy is public, only AWS service
 * principals and principals of the bucket owner's account keep the policy's grants; for anonymous callers and other
 * accounts the policy's Allow statements are dropped (its Deny statements still apply).
 */
async function restrictSpec(spec: AuthorizationSpec, caller: Caller, services: Services): Promise<AuthorizationSpec> {
  const policy = spec.resourcePolicy;
  if (!policy?.source.endsWith('#bucket-policy') || caller.kind === 'service') return spec;
  if (isAccountCaller(caller) && caller.accountId === spec.resourceAccount) return spec;
  const bucket = spec.resource.slice('arn:aws:s3:::'.length).split('/', 1)[0] ?? '';
  if (!(await services.s3.restrictsPublicBuckets(bucket)) || !isPublicPolicy(policy.document)) return spec;
  return { ...spec, resourcePolicy: { ...policy, document: withoutAllows(policy.document) } };
}

/**
 * Applies RestrictPublicBuckets to what an operation authorizes.
 *
 * @example
 * const specs = await restrictPublic(await operation.authorize(input, context), context);
 */
export async function restrictPublic(
  authorization: Authorization,
  context: { readonly caller: Caller; readonly services: Services },
): Promise<Authorization> {
  if (authorization === 'skip') return authorization;
  const specs: readonly AuthorizationSpec[] = Array.isArray(authorization) ? authorization : [authorization];
  return Promise.all(specs.map((spec) => restrictSpec(spec, context.caller, context.services)));
}

/** An operation whose authorizations go through {@link restrictPublic}. */
export const withPublicAccessBlock = (operation: AnyOperation): AnyOperation => ({
  ...operation,
  authorize: async (input, context) => restrictPublic(await operation.authorize(input, context), context),
});

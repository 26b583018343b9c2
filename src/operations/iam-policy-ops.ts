/**
 * @module operations/iam-policy-ops
 * Managed policy operations: policies, their versions and tags, and who uses them. The resource is the policy ARN.
 */

import type { Caller } from '../core/authz/index.js';
import type { Services } from '../core/services.js';
import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, iamArnOf, policyTags, requestTags } from './iam-targets.js';

type Context = Record<string, string | readonly string[] | undefined>;

const onPolicy =
  <I extends { PolicyArn: string }>(action: string, extra?: (input: I) => Context) =>
  async (input: I, { caller, services }: { caller: Caller; services: Services }) => ({
    action,
    resource: input.PolicyArn,
    context: { ...(await policyTags(services, caller, input.PolicyArn)), ...extra?.(input) },
  });

/** Policy, version and usage operations. */
export const policyOperations: AnyOperation[] = [
  defineOperation<Iam.CreatePolicyRequest, Iam.CreatePolicyResponse>('iam', 'CreatePolicy', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreatePolicy',
      resource: iamArnOf(caller, 'policy', input.Path, input.PolicyName),
      context: requestTags(input.Tags),
    }),
    handle: (input, { caller, services }) => services.iam.policies.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetPolicyRequest, Iam.GetPolicyResponse>('iam', 'GetPolicy', {
    authorize: onPolicy('iam:GetPolicy'),
    handle: (input, { caller, services }) => services.iam.policies.get(accountOf(caller), input),
  }),
  defineOperation<Iam.ListPoliciesRequest, Iam.ListPoliciesResponse>('iam', 'ListPolicies', {
    authorize: (input, { caller }) => ({
      action: 'iam:ListPolicies',
      resource: iamArnOf(caller, 'policy', input.PathPrefix, ''),
    }),
    handle: (input, { caller, services }) => services.iam.policies.list(accountOf(caller), input),
  }),
  defineOperation<Iam.DeletePolicyRequest, undefined>('iam', 'DeletePolicy', {
    authorize: onPolicy('iam:DeletePolicy'),
    handle: done((input, { caller, services }) => services.iam.policies.delete(accountOf(caller), input)),
  }),
  defineOperation<Iam.TagPolicyRequest, undefined>('iam', 'TagPolicy', {
    authorize: onPolicy('iam:TagPolicy', (input: Iam.TagPolicyRequest) => requestTags(input.Tags)),
    handle: done((input, { caller, services }) => services.iam.policies.tag(accountOf(caller), input)),
  }),
  defineOperation<Iam.UntagPolicyRequest, undefined>('iam', 'UntagPolicy', {
    authorize: onPolicy('iam:UntagPolicy', (input: Iam.UntagPolicyRequest) => ({ 'aws:TagKeys': input.TagKeys })),
    handle: done((input, { caller, services }) => services.iam.policies.untag(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListPolicyTagsRequest, Iam.ListPolicyTagsResponse>('iam', 'ListPolicyTags', {
    authorize: onPolicy('iam:ListPolicyTags'),
    handle: (input, { caller, services }) => services.iam.policies.listTags(accountOf(caller), input),
  }),
  defineOperation<Iam.CreatePolicyVersionRequest, Iam.CreatePolicyVersionResponse>('iam', 'CreatePolicyVersion', {
    authorize: onPolicy('iam:CreatePolicyVersion'),
    handle: (input, { caller, services }) => services.iam.policyVersions.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetPolicyVersionRequest, Iam.GetPolicyVersionResponse>('iam', 'GetPolicyVersion', {
    authorize: onPolicy('iam:GetPolicyVersion'),
    handle: (input, { caller, services }) => services.iam.policyVersions.get(accountOf(caller), input),
  }),
  defineOperation<Iam.ListPolicyVersionsRequest, Iam.ListPolicyVersionsResponse>('iam', 'ListPolicyVersions', {
    authorize: onPolicy('iam:ListPolicyVersions'),
    handle: (input, { caller, services }) => services.iam.policyVersions.list(accountOf(caller), input),
  }),
  defineOperation<Iam.SetDefaultPolicyVersionRequest, undefined>('iam', 'SetDefaultPolicyVersion', {
    authorize: onPolicy('iam:SetDefaultPolicyVersion'),
    handle: done((input, { caller, services }) => services.iam.policyVersions.setDefault(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeletePolicyVersionRequest, undefined>('iam', 'DeletePolicyVersion', {
    authorize: onPolicy('iam:DeletePolicyVersion'),
    handle: done((input, { caller, services }) => services.iam.policyVersions.delete(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListEntitiesForPolicyRequest, Iam.ListEntitiesForPolicyResponse>('iam', 'ListEntitiesForPolicy', {
    authorize: onPolicy('iam:ListEntitiesForPolicy'),
    handle: (input, { caller, services }) => services.iam.policyEntities.list(accountOf(caller), input),
  }),
];

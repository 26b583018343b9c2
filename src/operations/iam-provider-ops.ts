/**
 * @module operations/iam-provider-ops
 * OpenID Connect and SAML provider operations. The resource is the provider ARN (for creation, the ARN it will
 * have).
 */

import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, requestTags } from './iam-targets.js';

type Oidc = { OpenIDConnectProviderArn: string };
type Saml = { SAMLProviderArn: string };
const oidcArn = (input: Oidc) => input.OpenIDConnectProviderArn;
const samlArn = (input: Saml) => input.SAMLProviderArn;
const on =
  <I>(action: string, arnOf: (input: I) => string, extra?: (input: I) => Record<string, string | readonly string[]>) =>
  (input: I) => ({ action, resource: arnOf(input), context: extra?.(input) ?? {} });

/** OIDC provider operations. */
const oidcOperations: AnyOperation[] = [
  defineOperation<Iam.CreateOpenIDConnectProviderRequest, Iam.CreateOpenIDConnectProviderResponse>(
    'iam',
    'CreateOpenIDConnectProvider',
    {
      authorize: (input, { caller }) => ({
        action: 'iam:CreateOpenIDConnectProvider',
        resource: `arn:aws:iam::${accountOf(caller)}:oidc-provider/${input.Url.replace(/^https:\/\//, '')}`,
        context: requestTags(input.Tags),
      }),
      handle: (input, { caller, services }) => services.iam.providers.createOidc(accountOf(caller), input),
    },
  ),
  defineOperation<Iam.GetOpenIDConnectProviderRequest, Iam.GetOpenIDConnectProviderResponse>(
    'iam',
    'GetOpenIDConnectProvider',
    {
      authorize: on('iam:GetOpenIDConnectProvider', oidcArn),
      handle: (input, { caller, services }) => services.iam.providers.getOidc(accountOf(caller), input),
    },
  ),
  defineOperation<Record<string, never>, Iam.ListOpenIDConnectProvidersResponse>('iam', 'ListOpenIDConnectProviders', {
    authorize: () => ({ action: 'iam:ListOpenIDConnectProviders', resource: '*' }),
    handle: (_input, { caller, services }) => services.iam.providers.listOidc(accountOf(caller)),
  }),
  defineOperation<Iam.DeleteOpenIDConnectProviderRequest, undefined>('iam', 'DeleteOpenIDConnectProvider', {
    authorize: on('iam:DeleteOpenIDConnectProvider', oidcArn),
    handle: done((input, { caller, services }) =>
      services.iam.providers.delete(accountOf(caller), input.OpenIDConnectProviderArn, 'oidc'),
    ),
  }),
  defineOperation<Iam.AddClientIDToOpenIDConnectProviderRequest, undefined>(
    'iam',
    'AddClientIDToOpenIDConnectProvider',
    {
      authorize: on('iam:AddClientIDToOpenIDConnectProvider', oidcArn),
      handle: done((input, { caller, services }) =>
        services.iam.providers.changeClientId(accountOf(caller), input.OpenIDConnectProviderArn, input.ClientID, true),
      ),
    },
  ),
  defineOperation<Iam.RemoveClientIDFromOpenIDConnectProviderRequest, undefined>(
    'iam',
    'RemoveClientIDFromOpenIDConnectProvider',
    {
      authorize: on('iam:RemoveClientIDFromOpenIDConnectProvider', oidcArn),
      handle: done((input, { caller, services }) =>
        services.iam.providers.changeClientId(accountOf(caller), input.OpenIDConnectProviderArn, input.ClientID, false),
      ),
    },
  ),
  defineOperation<Iam.UpdateOpenIDConnectProviderThumbprintRequest, undefined>(
    'iam',
    'UpdateOpenIDConnectProviderThumbprint',
    {
      authorize: on('iam:UpdateOpenIDConnectProviderThumbprint', oidcArn),
      handle: done((input, { caller, services }) => services.iam.providers.updateThumbprints(accountOf(caller), input)),
    },
  ),
  defineOperation<Iam.TagOpenIDConnectProviderRequest, undefined>('iam', 'TagOpenIDConnectProvider', {
    authorize: on(
      'iam:TagOpenIDConnectProvider',
      oidcArn,
      (input: Iam.TagOpenIDConnectProviderRequest) =>
        requestTags(input.Tags) as Record<string, string | readonly string[]>,
    ),
    handle: done((input, { caller, services }) =>
      services.iam.providers.tag(accountOf(caller), input.OpenIDConnectProviderArn, 'oidc', input.Tags),
    ),
  }),
  defineOperation<Iam.UntagOpenIDConnectProviderRequest, undefined>('iam', 'UntagOpenIDConnectProvider', {
    authorize: on('iam:UntagOpenIDConnectProvider', oidcArn, (input: Iam.UntagOpenIDConnectProviderRequest) => ({
      'aws:TagKeys': input.TagKeys,
    })),
    handle: done((input, { caller, services }) =>
      services.iam.providers.untag(accountOf(caller), input.OpenIDConnectProviderArn, 'oidc', input.TagKeys),
    ),
  }),
  defineOperation<Iam.ListOpenIDConnectProviderTagsRequest, Iam.ListOpenIDConnectProviderTagsResponse>(
    'iam',
    'ListOpenIDConnectProviderTags',
    {
      authorize: on('iam:ListOpenIDConnectProviderTags', oidcArn),
      handle: (input, { caller, services }) =>
        services.iam.providers.listTags(accountOf(caller), input.OpenIDConnectProviderArn, 'oidc', input),
    },
  ),
];

/** SAML provider operations. */
const samlOperations: AnyOperation[] = [
  defineOperation<Iam.CreateSAMLProviderRequest, Iam.CreateSAMLProviderResponse>('iam', 'CreateSAMLProvider', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateSAMLProvider',
      resource: `arn:aws:iam::${accountOf(caller)}:saml-provider/${input.Name}`,
      context: requestTags(input.Tags),
    }),
    handle: (input, { caller, services }) => services.iam.providers.createSaml(accountOf(caller), input),
  }),
  defineOperation<Iam.GetSAMLProviderRequest, Iam.GetSAMLProviderResponse>('iam', 'GetSAMLProvider', {
    authorize: on('iam:GetSAMLProvider', samlArn),
    handle: (input, { caller, services }) => services.iam.providers.getSaml(accountOf(caller), input),
  }),
  defineOperation<Iam.UpdateSAMLProviderRequest, Iam.UpdateSAMLProviderResponse>('iam', 'UpdateSAMLProvider', {
    authorize: on('iam:UpdateSAMLProvider', samlArn),
    handle: (input, { caller, services }) => services.iam.providers.updateSaml(accountOf(caller), input),
  }),
  defineOperation<Record<string, never>, Iam.ListSAMLProvidersResponse>('iam', 'ListSAMLProviders', {
    authorize: () => ({ action: 'iam:ListSAMLProviders', resource: '*' }),
    handle: (_input, { caller, services }) => services.iam.providers.listSaml(accountOf(caller)),
  }),
  defineOperation<Iam.DeleteSAMLProviderRequest, undefined>('iam', 'DeleteSAMLProvider', {
    authorize: on('iam:DeleteSAMLProvider', samlArn),
    handle: done((input, { caller, services }) =>
      services.iam.providers.delete(accountOf(caller), input.SAMLProviderArn, 'saml'),
    ),
  }),
  defineOperation<Iam.TagSAMLProviderRequest, undefined>('iam', 'TagSAMLProvider', {
    authorize: on(
      'iam:TagSAMLProvider',
      samlArn,
      (input: Iam.TagSAMLProviderRequest) => requestTags(input.Tags) as Record<string, string | readonly string[]>,
    ),
    handle: done((input, { caller, services }) =>
      services.iam.providers.tag(accountOf(caller), input.SAMLProviderArn, 'saml', input.Tags),
    ),
  }),
  defineOperation<Iam.UntagSAMLProviderRequest, undefined>('iam', 'UntagSAMLProvider', {
    authorize: on('iam:UntagSAMLProvider', samlArn, (input: Iam.UntagSAMLProviderRequest) => ({
      'aws:TagKeys': input.TagKeys,
    })),
    handle: done((input, { caller, services }) =>
      services.iam.providers.untag(accountOf(caller), input.SAMLProviderArn, 'saml', input.TagKeys),
    ),
  }),
  defineOperation<Iam.ListSAMLProviderTagsRequest, Iam.ListSAMLProviderTagsResponse>('iam', 'ListSAMLProviderTags', {
    authorize: on('iam:ListSAMLProviderTags', samlArn),
    handle: (input, { caller, services }) =>
      services.iam.providers.listTags(accountOf(caller), input.SAMLProviderArn, 'saml', input),
  }),
];

/** Identity provider operations. */
export const providerOperations: AnyOperation[] = [...oidcOperations, ...samlOperations];

/**
 * @module operations/sts
 * The STS operations iamd serves. AssumeRole is authorized as `sts:AssumeRole` on the role ARN against the role's
 * trust policy (a resource policy that is always required, IAM-SEMANTICS.md §4.6), plus `sts:TagSession` when
 * session tags are passed and `sts:SetSourceIdentity` when a source identity is.
 */

import { callerDisplayArn } from '../core/authz/index.js';
import type { Sts } from '../shapes/index.js';
import { type AnyOperation, defineOperation, operationTable } from './define-operation.js';
import { accountOf } from './account-of.js';
import { resourceTagContext, tagContext } from './resource-tags.js';
import { trustSpecs } from './trust-specs.js';

const assumeRole = defineOperation<Sts.AssumeRoleRequest, Sts.AssumeRoleResponse>('sts', 'AssumeRole', {
  authorize: async (input, { caller, facts, services }) => {
    const target = await services.sts.assumeTarget(input.RoleArn);
    // MFA is checked first: a trust policy may require aws:MultiFactorAuthPresent.
    const mfaAt = await services.mfaCheck.check(caller, input.SerialNumber, input.TokenCode, facts.requestId);
    const tags = input.Tags ?? [];
    // Keys set on the fresh object rather than spread into a literal: V8 adds keys after a spread on a slow path.
    const context: Record<string, string | readonly string[] | undefined> = resourceTagContext(
      target?.tags ?? [],
      'iam',
    );
    context['sts:ExternalId'] = input.ExternalId;
    context['sts:RoleSessionName'] = input.RoleSessionName;
    context['sts:SourceIdentity'] = input.SourceIdentity;
    context['sts:DurationSeconds'] = input.DurationSeconds === undefined ? undefined : String(input.DurationSeconds);
    context['sts:TransitiveTagKeys'] = input.TransitiveTagKeys;
    if (mfaAt) {
      context['aws:MultiFactorAuthPresent'] = 'true';
      context['aws:MultiFactorAuthAge'] = '0';
    }
    Object.assign(context, tagContext(tags));
    return trustSpecs({
      action: 'sts:AssumeRole',
      roleArn: input.RoleArn,
      trustPolicy: target?.trustPolicy,
      context,
      withTags: tags.length > 0,
      withSourceIdentity: input.SourceIdentity !== undefined,
    });
  },
  handle: async (input, { caller, facts, services }) => {
    services.credentialLimiter.take([`principal:${callerDisplayArn(caller)}`, `role:${input.RoleArn}`]);
    const mfaAt = await services.mfaCheck.check(caller, input.SerialNumber, input.TokenCode, facts.requestId);
    return services.sts.assumeRole(caller, input, mfaAt);
  },
});

/**
 * AssumeRoleWithWebIdentity arrives unsigned: the OIDC token is the credential. The trust policy decides for the
 * token's identity (a `Federated` principal naming the account's OIDC provider) with the token's claims as
 * `<provider>:aud`, `:sub`, `:amr` and `aws:FederatedProvider` (IAM User Guide, "Available keys for AWS OIDC
 * federation"); session tags from the token also need `sts:TagSession`, its source identity
 * `sts:SetSourceIdentity`.
 */
const assumeRoleWithWebIdentity = defineOperation<
  Sts.AssumeRoleWithWebIdentityRequest,
  Sts.AssumeRoleWithWebIdentityResponse
>('sts', 'AssumeRoleWithWebIdentity', {
  auth: 'none',
  authorize: async (input, { services }) => {
    const identity = await services.webIdentity.verify(input);
    const target = await services.sts.assumeTarget(input.RoleArn);
    const prefix = identity.providerUrl;
    const context: Record<string, string | readonly string[] | undefined> = {
      ...resourceTagContext(target?.tags ?? [], 'iam'),
      [`${prefix}:aud`]: identity.audience,
      [`${prefix}:sub`]: identity.subject,
      [`${prefix}:amr`]: identity.amr,
      'aws:FederatedProvider': identity.providerArn,
      'sts:RoleSessionName': input.RoleSessionName,
      'sts:SourceIdentity': identity.sourceIdentity,
      'sts:DurationSeconds': input.DurationSeconds === undefined ? undefined : String(input.DurationSeconds),
      'sts:TransitiveTagKeys': identity.transitiveTagKeys.length > 0 ? identity.transitiveTagKeys : undefined,
      ...tagContext(identity.tags),
    };
    return trustSpecs({
      action: 'sts:AssumeRoleWithWebIdentity',
      roleArn: input.RoleArn,
      trustPolicy: target?.trustPolicy,
      context,
      withTags: identity.tags.length > 0,
      withSourceIdentity: identity.sourceIdentity !== undefined,
      federatedPrincipal: { type: 'WebIdentity', provider: identity.providerArn },
    });
  },
  handle: async (input, { services }) => {
    const identity = await services.webIdentity.verify(input);
    services.credentialLimiter.take([`principal:${identity.providerArn}:${identity.subject}`, `role:${input.RoleArn}`]);
    return services.sts.assumeRoleWithWebIdentity(input, identity);
  },
});

/**
 * AssumeRoleWithSAML arrives unsigned: the signed SAML response is the credential. The trust policy decides for
 * the SAML provider (`Federated`) with `saml:aud`, `saml:sub`, `saml:sub_type`, `saml:iss`, `saml:namequalifier`,
 * `saml:doc` and `aws:FederatedProvider` (IAM User Guide, "Available keys for SAML-based AWS STS federation");
 * session tags also need `sts:TagSession`, a source identity `sts:SetSourceIdentity`.
 */
const assumeRoleWithSaml = defineOperation<Sts.AssumeRoleWithSAMLRequest, Sts.AssumeRoleWithSAMLResponse>(
  'sts',
  'AssumeRoleWithSAML',
  {
    auth: 'none',
    authorize: async (input, { services }) => {
      const identity = await services.saml.verify(input);
      const target = await services.sts.assumeTarget(input.RoleArn);
      const providerName = identity.providerArn.slice(identity.providerArn.indexOf(':saml-provider/') + 15);
      const context: Record<string, string | readonly string[] | undefined> = {
        ...resourceTagContext(target?.tags ?? [], 'iam'),
        'saml:aud': identity.recipient,
        'saml:sub': identity.subject,
        'saml:sub_type': identity.subjectType,
        'saml:iss': identity.issuer,
        'saml:namequalifier': identity.nameQualifier,
        'saml:doc': `${identity.accountId}/${providerName}`,
        'aws:FederatedProvider': identity.providerArn,
        'sts:RoleSessionName': identity.sessionName,
        'sts:SourceIdentity': identity.sourceIdentity,
        'sts:TransitiveTagKeys': identity.transitiveTagKeys.length > 0 ? identity.transitiveTagKeys : undefined,
        ...tagContext(identity.tags),
      };
      return trustSpecs({
        action: 'sts:AssumeRoleWithSAML',
        roleArn: input.RoleArn,
        trustPolicy: target?.trustPolicy,
        context,
        withTags: identity.tags.length > 0,
        withSourceIdentity: identity.sourceIdentity !== undefined,
        federatedPrincipal: { type: 'SAML', provider: identity.providerArn },
      });
    },
    handle: async (input, { services }) => {
      const identity = await services.saml.verify(input);
      services.credentialLimiter.take([
        `principal:${identity.providerArn}:${identity.subject}`,
        `role:${input.RoleArn}`,
      ]);
      return services.sts.assumeRoleWithSaml(input, identity);
    },
  },
);

const getCallerIdentity = defineOperation<Sts.GetCallerIdentityRequest, Sts.GetCallerIdentityResponse>(
  'sts',
  'GetCallerIdentity',
  {
    // "No permissions are required to perform this operation" (STS API reference): it can never be denied.
    authorize: () => 'skip',
    handle: (_input, { caller, services }) => services.sts.getCallerIdentity(caller),
  },
);

const getSessionToken = defineOperation<Sts.GetSessionTokenRequest, Sts.GetSessionTokenResponse>(
  'sts',
  'GetSessionToken',
  {
    // "No permissions are required for users to perform this operation" (STS API reference): it authenticates.
    authorize: () => 'skip',
    handle: async (input, { caller, facts, services }) => {
      services.credentialLimiter.take([`principal:${callerDisplayArn(caller)}`]);
      const mfaAt = await services.mfaCheck.check(caller, input.SerialNumber, input.TokenCode, facts.requestId);
      return services.userSessions.getSessionToken(caller, input, mfaAt);
    },
  },
);

const getFederationToken = defineOperation<Sts.GetFederationTokenRequest, Sts.GetFederationTokenResponse>(
  'sts',
  'GetFederationToken',
  {
    authorize: (input, { caller }) => ({
      action: 'sts:GetFederationToken',
      resource: `arn:aws:sts::${accountOf(caller)}:federated-user/${input.Name}`,
      context: tagContext(input.Tags),
    }),
    handle: (input, { caller, services }) => {
      services.credentialLimiter.take([`principal:${callerDisplayArn(caller)}`]);
      return services.userSessions.getFederationToken(caller, input);
    },
  },
);

const getAccessKeyInfo = defineOperation<Sts.GetAccessKeyInfoRequest, Sts.GetAccessKeyInfoResponse>(
  'sts',
  'GetAccessKeyInfo',
  {
    authorize: () => ({ action: 'sts:GetAccessKeyInfo', resource: '*' }),
    handle: (input, { services }) => services.userSessions.getAccessKeyInfo(input),
  },
);

const decodeAuthorizationMessage = defineOperation<
  Sts.DecodeAuthorizationMessageRequest,
  Sts.DecodeAuthorizationMessageResponse
>('sts', 'DecodeAuthorizationMessage', {
  authorize: () => ({ action: 'sts:DecodeAuthorizationMessage', resource: '*' }),
  handle: (input, { caller, services }) => ({
    DecodedMessage: services.authorizationMessages.decode(input.EncodedMessage, accountOf(caller)),
  }),
});

/** Every STS operation iamd serves, by name. */
export const stsOperations = operationTable([
  assumeRole,
  assumeRoleWithWebIdentity,
  assumeRoleWithSaml,
  getCallerIdentity,
  getSessionToken,
  getFederationToken,
  getAccessKeyInfo,
  decodeAuthorizationMessage,
] as AnyOperation[]);

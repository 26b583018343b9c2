/**
 * @module operations/iam-account-ops
 * Account-wide IAM operations: aliases, the summary and the authorization details. None has a resource type in
 * the Service Authorization Reference, so each authorizes against `*`.
 */

import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done } from './iam-targets.js';

/** Account operations. */
export const accountOperations: AnyOperation[] = [
  defineOperation<Iam.CreateAccountAliasRequest, undefined>('iam', 'CreateAccountAlias', {
    authorize: () => ({ action: 'iam:CreateAccountAlias', resource: '*' }),
    handle: done((input, { caller, services }) => services.iam.account.createAlias(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeleteAccountAliasRequest, undefined>('iam', 'DeleteAccountAlias', {
    authorize: () => ({ action: 'iam:DeleteAccountAlias', resource: '*' }),
    handle: done((input, { caller, services }) => services.iam.account.deleteAlias(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListAccountAliasesRequest, Iam.ListAccountAliasesResponse>('iam', 'ListAccountAliases', {
    authorize: () => ({ action: 'iam:ListAccountAliases', resource: '*' }),
    handle: (_input, { caller, services }) => services.iam.account.listAliases(accountOf(caller)),
  }),
  defineOperation<Record<string, never>, Iam.GetAccountSummaryResponse>('iam', 'GetAccountSummary', {
    authorize: () => ({ action: 'iam:GetAccountSummary', resource: '*' }),
    handle: (_input, { caller, services }) => services.iam.account.summary(accountOf(caller)),
  }),
  defineOperation<Iam.GetAccountAuthorizationDetailsRequest, Iam.GetAccountAuthorizationDetailsResponse>(
    'iam',
    'GetAccountAuthorizationDetails',
    {
      authorize: () => ({ action: 'iam:GetAccountAuthorizationDetails', resource: '*' }),
      handle: (input, { caller, services }) => services.iam.authorizationDetails.get(accountOf(caller), input),
    },
  ),
];

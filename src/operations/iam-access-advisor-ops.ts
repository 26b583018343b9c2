/**
 * @module operations/iam-access-advisor-ops
 * IAM's service last accessed data (core/audit/service-last-accessed). GenerateServiceLastAccessedDetails is
 * authorized on the user, group, role or policy it reports on; the two reads have no resource type in the Service
 * Authorization Reference ("Actions defined by AWS Identity and Access Management"), so they authorize on `*`.
 */

import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';

/** The service last accessed operations. */
export const accessAdvisorOperations: AnyOperation[] = [
  defineOperation<Iam.GenerateServiceLastAccessedDetailsRequest, Iam.GenerateServiceLastAccessedDetailsResponse>(
    'iam',
    'GenerateServiceLastAccessedDetails',
    {
      authorize: (input) => ({ action: 'iam:GenerateServiceLastAccessedDetails', resource: input.Arn }),
      handle: (input, { caller, services }) => services.serviceLastAccessed.generate(accountOf(caller), input),
    },
  ),
  defineOperation<Iam.GetServiceLastAccessedDetailsRequest, Iam.GetServiceLastAccessedDetailsResponse>(
    'iam',
    'GetServiceLastAccessedDetails',
    {
      authorize: () => ({ action: 'iam:GetServiceLastAccessedDetails', resource: '*' }),
      handle: (input, { caller, services }) => services.serviceLastAccessed.get(accountOf(caller), input),
    },
  ),
  defineOperation<
    Iam.GetServiceLastAccessedDetailsWithEntitiesRequest,
    Iam.GetServiceLastAccessedDetailsWithEntitiesResponse
  >('iam', 'GetServiceLastAccessedDetailsWithEntities', {
    authorize: () => ({ action: 'iam:GetServiceLastAccessedDetailsWithEntities', resource: '*' }),
    handle: (input, { caller, services }) => services.serviceLastAccessed.getWithEntities(accountOf(caller), input),
  }),
];

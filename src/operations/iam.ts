/**
 * @module operations/iam
 * The IAM operations iamd serves: action, resource ARN and condition keys as the Service Authorization Reference
 * lists them for IAM ("Actions, resources, and condition keys for AWS Identity and Access Management"). One file
 * per family of entities; this one assembles the table.
 */

import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation, operationTable } from './define-operation.js';
import { accessAdvisorOperations } from './iam-access-advisor-ops.js';
import { accountOperations } from './iam-account-ops.js';
import { passwordOperations, publicKeyOperations, serviceCredentialOperations } from './iam-credential-ops.js';
import { groupOperations } from './iam-group-ops.js';
import { identityPolicyOperations } from './iam-identity-policy-ops.js';
import { mfaOperations } from './iam-mfa-ops.js';
import { providerOperations } from './iam-provider-ops.js';
import { policyOperations } from './iam-policy-ops.js';
import { profileOperations } from './iam-profile-ops.js';
import { roleOperations } from './iam-role-ops.js';
import { accessKeyOperations, userOperations } from './iam-user-ops.js';

const simulationOperations: AnyOperation[] = [
  defineOperation<Iam.SimulateCustomPolicyRequest, Iam.SimulatePolicyResponse>('iam', 'SimulateCustomPolicy', {
    authorize: () => ({ action: 'iam:SimulateCustomPolicy', resource: '*' }),
    handle: (input, { caller, services }) => services.iam.simulator.simulateCustom(accountOf(caller), input),
  }),
  defineOperation<Iam.SimulatePrincipalPolicyRequest, Iam.SimulatePolicyResponse>('iam', 'SimulatePrincipalPolicy', {
    authorize: (input) => ({ action: 'iam:SimulatePrincipalPolicy', resource: input.PolicySourceArn }),
    handle: (input, { caller, services }) => services.iam.simulator.simulatePrincipal(accountOf(caller), input),
  }),
];

/** Every IAM operation iamd serves, by name. */
export const iamOperations = operationTable([
  ...userOperations,
  ...accessKeyOperations,
  ...groupOperations,
  ...roleOperations,
  ...identityPolicyOperations,
  ...policyOperations,
  ...profileOperations,
  ...accountOperations,
  ...mfaOperations,
  ...providerOperations,
  ...simulationOperations,
  ...passwordOperations,
  ...publicKeyOperations,
  ...serviceCredentialOperations,
  ...accessAdvisorOperations,
]);

/**
 * @module operations/iam-mfa-ops
 * Virtual MFA device operations. Creating and deleting act on the device ARN (`…:mfa<path><name>`); enabling,
 * deactivating and listing act on the user.
 */

import type { Iam } from '../shapes/index.js';
import { accountCaller, accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, iamArnOf, onPrincipal, requestTags } from './iam-targets.js';

const userName = (input: { UserName: string }) => input.UserName;

/** MFA device operations. */
export const mfaOperations: AnyOperation[] = [
  defineOperation<Iam.CreateVirtualMFADeviceRequest, Iam.CreateVirtualMFADeviceResponse>(
    'iam',
    'CreateVirtualMFADevice',
    {
      authorize: (input, { caller }) => ({
        action: 'iam:CreateVirtualMFADevice',
        resource: iamArnOf(caller, 'mfa', input.Path, input.VirtualMFADeviceName),
        context: requestTags(input.Tags),
      }),
      handle: (input, { caller, services }) => services.iam.mfaDevices.create(accountOf(caller), input),
    },
  ),
  defineOperation<Iam.EnableMFADeviceRequest, undefined>('iam', 'EnableMFADevice', {
    authorize: onPrincipal('user', 'iam:EnableMFADevice', userName),
    handle: done((input, { caller, services }) => services.iam.mfaDevices.enable(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeactivateMFADeviceRequest, undefined>('iam', 'DeactivateMFADevice', {
    authorize: onPrincipal(
      'user',
      'iam:DeactivateMFADevice',
      (input: Iam.DeactivateMFADeviceRequest) => input.UserName ?? '',
    ),
    handle: done((input, { caller, services }) => services.iam.mfaDevices.deactivate(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeleteVirtualMFADeviceRequest, undefined>('iam', 'DeleteVirtualMFADevice', {
    authorize: (input) => ({ action: 'iam:DeleteVirtualMFADevice', resource: input.SerialNumber }),
    handle: done((input, { caller, services }) => services.iam.mfaDevices.delete(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListMFADevicesRequest, Iam.ListMFADevicesResponse>('iam', 'ListMFADevices', {
    authorize: async (input, context) =>
      input.UserName === undefined
        ? { action: 'iam:ListMFADevices', resource: accountCaller(context.caller).arn }
        : onPrincipal('user', 'iam:ListMFADevices', userName)({ UserName: input.UserName }, context),
    handle: (input, { caller, services }) => services.iam.mfaDevices.listForUser(accountCaller(caller), input),
  }),
  defineOperation<Iam.ListVirtualMFADevicesRequest, Iam.ListVirtualMFADevicesResponse>('iam', 'ListVirtualMFADevices', {
    authorize: () => ({ action: 'iam:ListVirtualMFADevices', resource: '*' }),
    handle: (input, { caller, services }) => services.iam.mfaDevices.listVirtual(accountOf(caller), input),
  }),
];

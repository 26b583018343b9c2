/**
 * @module storage/memory/iam-mfa-devices
 * Virtual MFA devices of the memory {@link IamStore}, unique per account by folded name. A serial number is the
 * device's ARN, which ends with its name.
 */

import type { IamStore } from '../../core/ports.js';
import { type MemoryIamState, bumpIf } from './iam-state.js';

type MfaMethods = Pick<
  IamStore,
  'createMfaDevice' | 'getMfaDevice' | 'listMfaDevices' | 'updateMfaDevice' | 'deleteMfaDevice'
>;

const nameOf = (serialNumber: string) => serialNumber.slice(serialNumber.lastIndexOf('/') + 1);

/** The MFA device methods over `state`. */
export function memoryMfaDevices(state: MemoryIamState): MfaMethods {
  const find = (accountId: string, serialNumber: string) => {
    const device = state.mfaDevices.get(accountId, nameOf(serialNumber));
    return device?.serialNumber === serialNumber ? device : undefined;
  };
  return {
    async createMfaDevice(device) {
      return bumpIf(state, state.mfaDevices.add(device.accountId, device.name, device));
    },
    async getMfaDevice(accountId, serialNumber) {
      return find(accountId, serialNumber);
    },
    async listMfaDevices(accountId) {
      return state.mfaDevices.list(accountId);
    },
    async updateMfaDevice(device) {
      if (!find(device.accountId, device.serialNumber)) return false;
      return bumpIf(
        state,
        state.mfaDevices.replace(device.accountId, device.name, () => device),
      );
    },
    async deleteMfaDevice(accountId, serialNumber) {
      if (!find(accountId, serialNumber)) return false;
      return bumpIf(state, state.mfaDevices.delete(accountId, nameOf(serialNumber)));
    },
  };
}

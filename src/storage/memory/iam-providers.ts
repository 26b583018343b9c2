/**
 * @module storage/memory/iam-providers
 * Identity providers (OIDC and SAML) of the memory {@link IamStore}, by ARN.
 */

import type { IamStore } from '../../core/ports.js';
import { compareUtf8 } from '../ordering.js';
import { type MemoryIamState, bumpIf } from './iam-state.js';

type ProviderMethods = Pick<
  IamStore,
  | 'createIdentityProvider'
  | 'getIdentityProvider'
  | 'listIdentityProviders'
  | 'updateIdentityProvider'
  | 'deleteIdentityProvider'
>;

/** The identity-provider methods over `state`. */
export function memoryProviders(state: MemoryIamState): ProviderMethods {
  return {
    async createIdentityProvider(provider) {
      if (state.providers.has(provider.arn)) return false;
      state.providers.set(provider.arn, structuredClone(provider));
      return bumpIf(state, true);
    },
    async getIdentityProvider(arn) {
      const provider = state.providers.get(arn);
      return provider === undefined ? undefined : structuredClone(provider);
    },
    async listIdentityProviders(accountId, kind) {
      return [...state.providers.values()]
        .filter((p) => p.accountId === accountId && p.kind === kind)
        .sort((a, b) => compareUtf8(a.arn, b.arn))
        .map((p) => structuredClone(p));
    },
    async updateIdentityProvider(provider) {
      if (!state.providers.has(provider.arn)) return false;
      state.providers.set(provider.arn, structuredClone(provider));
      return bumpIf(state, true);
    },
    async deleteIdentityProvider(arn) {
      return bumpIf(state, state.providers.delete(arn));
    },
  };
}

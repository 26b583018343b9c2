/**
 * @module core/accounts/resolved-credentials
 * The result of resolving a request's credentials, shared by the resolver and its cache.
 */

import type { AccountCaller } from '../authz/caller.js';

/** A resolved credential: who signed, with which secret, valid until when (temporary credentials only). */
export interface ResolvedCredentials {
  readonly caller: AccountCaller;
  readonly secretAccessKey: string;
  readonly expiresAt?: Date | undefined;
}

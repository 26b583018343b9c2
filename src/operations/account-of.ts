/**
 * @module operations/account-of
 * The account an IAM or STS request acts in: the caller's own.
 */

import { type Caller, isAccountCaller } from '../core/authz/index.js';
import type { AccountCaller } from '../core/authz/index.js';
import { AwsError } from '../core/errors.js';

/** The caller, if it signed with account credentials; otherwise MissingAuthenticationToken. */
export function accountCaller(caller: Caller): AccountCaller {
  if (!isAccountCaller(caller)) throw new AwsError('MissingAuthenticationToken');
  return caller;
}

/** The caller's account id. */
export function accountOf(caller: Caller): string {
  return accountCaller(caller).accountId;
}

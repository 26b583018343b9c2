/**
 * @module core/iam/principal-references
 * IAM keeps the principals of trust policies by unique id: when a user or role is deleted, policies that named it
 * show its unique id instead of its ARN, and a new entity created with the same name is *not* trusted (IAM User
 * Guide, "IAM JSON policy elements: Principal" — "If you delete the role and then recreate it, … the role's
 * principal is displayed as the unique ID"). iamd reproduces that by rewriting the trust policies that name a
 * deleted entity's ARN, in every account.
 */

import type { AccountStore } from '../ports.js';
import type { IamDeps } from './deps.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces `arn` by `uniqueId` in the `AWS` principals of each statement; returns whether anything changed. */
function replacePrincipal(document: Json, arn: string, uniqueId: string): boolean {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return false;
  const statements = document['Statement'];
  let changed = false;
  for (const statement of Array.isArray(statements) ? statements : [statements ?? null]) {
    if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) continue;
    for (const element of ['Principal', 'NotPrincipal']) {
      const principal = statement[element];
      if (principal === null || typeof principal !== 'object' || Array.isArray(principal)) continue;
      const aws = principal['AWS'];
      if (aws === arn) {
        principal['AWS'] = uniqueId;
        changed = true;
      } else if (Array.isArray(aws) && aws.includes(arn)) {
        principal['AWS'] = aws.map((value) => (value === arn ? uniqueId : value));
        changed = true;
      }
    }
  }
  return changed;
}

/** Keeps trust policies pointing at entities, not names. */
export class PrincipalReferences {
  readonly #deps: IamDeps;
  readonly #accounts: AccountStore;

  constructor(deps: IamDeps, accounts: AccountStore) {
    this.#deps = deps;
    this.#accounts = accounts;
  }

  /**
   * After DeleteUser/DeleteRole: every trust policy naming `arn` names `uniqueId` instead.
   *
   * @example
   * await references.forget('arn:aws:iam::111122223333:role/app', 'AROA3XFRBF535PLBIFPI4');
   */
  async forget(arn: string, uniqueId: string): Promise<void> {
    const quoted = JSON.stringify(arn);
    for (const { accountId } of await this.#accounts.listAccounts()) {
      for (const role of await this.#deps.store.listRoles(accountId, '/')) {
        // A cheap text test first: almost no trust policy names the deleted entity.
        if (!role.assumeRolePolicyDocument.includes(quoted)) continue;
        const document = JSON.parse(role.assumeRolePolicyDocument) as Json;
        if (!replacePrincipal(document, arn, uniqueId)) continue;
        await this.#deps.store.updateRole({ ...role, assumeRolePolicyDocument: JSON.stringify(document) });
        this.#deps.tracker.bump();
      }
    }
  }
}

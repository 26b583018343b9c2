/**
 * @module core/iam/principal-references
 * IAM keeps the principals of trust policies by unique id: when a user or role is deleted, policies that named it
 * show its unique id instead of its ARN, and a new entity created with the same name is *not* trusted (IAM User
 * Guide, "IAM JSON policy elements: Principal" — "If you delete the role and then recreate it, … the role's
 * principal is displayed as the unique ID"). iamd reproduces that by rewriting the trust policies and the bucket
 * policies that name a deleted entity's ARN, in every account: GetBucketPolicy then shows the `AIDA…`/`AROA…` id,
 * and a user or role created again with the same name does not regain access through the bucket policy.
 */

import type { AccountStore, S3Store } from '../ports.js';
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

/** The bucket operations the rewrite needs (absent where no S3 store is wired, as in `iamd import`). */
export type PolicyBuckets = Pick<S3Store, 'listBuckets' | 'setBucketPolicy'>;

/** Keeps trust and bucket policies pointing at entities, not names. */
export class PrincipalReferences {
  readonly #deps: IamDeps;
  readonly #accounts: AccountStore;
  readonly #buckets: PolicyBuckets | undefined;

  constructor(deps: IamDeps, accounts: AccountStore, buckets?: PolicyBuckets) {
    this.#deps = deps;
    this.#accounts = accounts;
    this.#buckets = buckets;
  }

  /**
   * After DeleteUser/DeleteRole: every trust policy and bucket policy naming `arn` names `uniqueId` instead.
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
      await this.#forgetInBuckets(accountId, quoted, arn, uniqueId);
    }
  }

  /** The bucket policies of one account; authorization compiles them by text, so a rewrite takes effect at once. */
  async #forgetInBuckets(accountId: string, quoted: string, arn: string, uniqueId: string): Promise<void> {
    for (const bucket of (await this.#buckets?.listBuckets(accountId)) ?? []) {
      if (bucket.policy === undefined || !bucket.policy.includes(quoted)) continue;
      const document = JSON.parse(bucket.policy) as Json;
      if (!replacePrincipal(document, arn, uniqueId)) continue;
      await this.#buckets?.setBucketPolicy(bucket.name, JSON.stringify(document));
    }
  }
}

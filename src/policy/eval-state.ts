/**
 * @module policy/eval-state
 * The per-decision state: the request as the statements see it (the action lower-cased once, the resource's
 * colon positions found once), and what the scan has gathered (matched statements, missing keys, the strongest
 * resource-policy principal match). One object per decision; the arrays are created only when something is
 * added to them, so a decision that matches nothing allocates nothing else.
 */

import { ArnView } from './arn-fields.js';
import type { AuthzRequest, MatchedStatement, MatchStrength, PrincipalInfo, RequestContext } from './types.js';
import type { MissingSink } from './variables.js';

/** What one evaluation knows and gathers. */
export class EvalState extends ArnView implements MissingSink {
  /** `service:name`, lower-cased (actions are case-insensitive: §4.11). */
  readonly action: string;
  readonly principal: PrincipalInfo;
  readonly context: RequestContext;
  /** Every applicable statement, in scan order; `undefined` until the first one. */
  matched: MatchedStatement[] | undefined;
  /** Keys conditions asked for and the context lacked, possibly repeated; `undefined` until the first one. */
  missing: string[] | undefined;
  /** Resource layer: the strongest principal match among applicable Allow statements. */
  strength: MatchStrength | undefined;
  #service: string | undefined;

  constructor(request: AuthzRequest) {
    super(request.resource);
    this.action = request.action.toLowerCase();
    this.principal = request.principal;
    this.context = request.context;
  }

  /** The lower-cased service prefix, sliced on first use only (most decisions never need it). */
  service(): string {
    if (this.#service === undefined) {
      const colon = this.action.indexOf(':');
      this.#service = colon < 0 ? '' : this.action.slice(0, colon);
    }
    return this.#service;
  }

  noteMissing(key: string): void {
    if (this.missing === undefined) this.missing = [key];
    else this.missing.push(key);
  }

  report(statement: MatchedStatement): void {
    if (this.matched === undefined) this.matched = [statement];
    else this.matched.push(statement);
  }
}

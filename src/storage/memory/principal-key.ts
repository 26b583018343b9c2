/**
 * @module storage/memory/principal-key
 * One map key per IAM principal, folding the name the way IAM compares it.
 */

import type { PrincipalRef } from '../../core/entities.js';
import { foldName } from '../ordering.js';

/** A string key identifying `owner` case-insensitively (account ids and kinds never contain `/`). */
export function principalKey(owner: PrincipalRef): string {
  return `${owner.accountId}/${owner.kind}/${foldName(owner.name)}`;
}

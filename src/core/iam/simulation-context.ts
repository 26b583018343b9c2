/**
 * @module core/iam/simulation-context
 * Turns the simulation APIs' `ContextEntries` into a request context: `…List` types are multi-valued keys, the rest
 * take their first value (IAM API reference, `ContextEntry`). Nothing else is added: like AWS, the simulator reports
 * the keys the policies needed and the caller did not supply as `MissingContextValues`.
 */

import { type ContextValue, createContext, type RequestContext } from '../../policy/index.js';
import type { Iam } from '../../shapes/index.js';
import { AwsError } from '../errors.js';

/**
 * Builds the context of a simulation.
 *
 * @example
 * simulationContext([{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.0.0.1'] }]);
 */
export function simulationContext(entries: readonly Iam.ContextEntry[] | undefined): RequestContext {
  const values: Record<string, ContextValue> = {};
  for (const entry of entries ?? []) {
    if (entry.ContextKeyName === undefined)
      throw new AwsError('InvalidInput', 'ContextKeyName is required in ContextEntries.');
    const list = entry.ContextKeyValues ?? [];
    if (entry.ContextKeyType?.endsWith('List')) {
      values[entry.ContextKeyName] = list;
    } else {
      const first = list[0];
      if (first === undefined) {
        throw new AwsError('InvalidInput', `Context key ${entry.ContextKeyName} has no value.`);
      }
      values[entry.ContextKeyName] = entry.ContextKeyType === 'boolean' ? first.toLowerCase() : first;
    }
  }
  return createContext(values);
}

/**
 * @module core/audit/operation-traits
 * What a record says about its operation (data or management event, read-only, whether its response is recorded,
 * its event source), worked out once per operation rather than per request.
 */

import { eventSourceOf, isDataEvent, isReadOnly, recordsResponse } from './classify.js';

/** What a record says about its operation, worked out once per operation rather than per request. */
export interface OperationTraits {
  readonly data: boolean;
  readonly readOnly: boolean;
  readonly recordsResponse: boolean;
  readonly eventSource: string;
  /** `","eventSource":…,"eventName":…` as JSON: the end of the `eventTime` value, then the names. */
  readonly names: string;
}

/** Traits by service and operation; operation names can come from a refused request, so the map is bounded. */
const TRAITS = new Map<string, Map<string, OperationTraits>>();
const TRAITS_BOUND = 4096;
let traitsCount = 0;

/**
 * The traits of an operation.
 *
 * @example
 * traitsOf('sts', 'GetCallerIdentity').readOnly; // true
 */
export function traitsOf(service: string, operation: string): OperationTraits {
  let byOperation = TRAITS.get(service);
  const known = byOperation?.get(operation);
  if (known) return known;
  const eventSource = eventSourceOf(service);
  const traits: OperationTraits = {
    data: isDataEvent(service, operation),
    readOnly: isReadOnly(service, operation),
    recordsResponse: recordsResponse(service, operation),
    eventSource,
    names: `","eventSource":${JSON.stringify(eventSource)},"eventName":${JSON.stringify(operation)}`,
  };
  if (traitsCount < TRAITS_BOUND) {
    if (!byOperation) {
      byOperation = new Map();
      TRAITS.set(service, byOperation);
    }
    byOperation.set(operation, traits);
    traitsCount++;
  }
  return traits;
}

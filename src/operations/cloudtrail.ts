/**
 * @module operations/cloudtrail
 * The CloudTrail operations iamd serves: LookupEvents over the caller's account's event history, authorized as
 * `cloudtrail:LookupEvents` (which has no resource type: the resource is `*`, Service Authorization Reference,
 * "Actions defined by AWS CloudTrail").
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */

import { lookupEvents } from '../core/audit/index.js';
import type { CloudTrail } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation, operationTable } from './define-operation.js';

const lookupEventsOperation = defineOperation<CloudTrail.LookupEventsRequest, CloudTrail.LookupEventsResponse>(
  'cloudtrail',
  'LookupEvents',
  {
    authorize: () => ({ action: 'cloudtrail:LookupEvents', resource: '*' }),
    handle: (input, { caller, services }) => lookupEvents(services.auditEvents, accountOf(caller), input),
  },
);

const operations: readonly AnyOperation[] = [lookupEventsOperation];

/** The CloudTrail table, by operation name. */
export const cloudTrailOperations = operationTable(operations);

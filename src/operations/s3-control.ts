/**
 * @module operations/s3-control
 * The S3 Control operations iamd serves: the account-level Block Public Access configuration (S3 Control API
 * PutPublicAccessBlock, GetPublicAccessBlock, DeletePublicAccessBlock). Their IAM actions (Service Authorization
 * Reference for Amazon S3) are s3:PutAccountPublicAccessBlock and s3:GetAccountPublicAccessBlock on `*`, the delete
 * authorized as a put; they are named here by those actions, as CloudTrail names the events. The account is the
 * request's `x-amz-account-id`: a caller of another account has no way in (no resource policy exists), so it is
 * denied, and anonymous callers are refused before authorization.
 */

import type { PublicAccessBlock } from '../core/entities.js';
import type { PublicAccessBlockInput } from '../core/s3/index.js';
import { type AnyOperation, defineOperation, operationTable } from './define-operation.js';

/** The input every S3 Control operation carries: the account from `x-amz-account-id`. */
export interface S3ControlInput {
  readonly AccountId: string;
}

/** PutPublicAccessBlock's input: the account and its configuration document. */
export interface PutAccountPublicAccessBlockInput extends S3ControlInput {
  readonly PublicAccessBlockConfiguration?: PublicAccessBlockInput | undefined;
}

const onAccount = (action: string, input: S3ControlInput) => ({
  action,
  resource: '*',
  resourceAccount: input.AccountId,
});

/** Every S3 Control operation iamd serves, by name. */
export const s3ControlOperations = operationTable([
  defineOperation<PutAccountPublicAccessBlockInput, undefined>('s3', 'PutAccountPublicAccessBlock', {
    authorize: (input) => onAccount('s3:PutAccountPublicAccessBlock', input),
    handle: async (input, { services }) => {
      await services.s3AccountPublicAccess.put(input.AccountId, input.PublicAccessBlockConfiguration);
      return undefined;
    },
  }),
  defineOperation<S3ControlInput, { PublicAccessBlockConfiguration: PublicAccessBlock }>(
    's3',
    'GetAccountPublicAccessBlock',
    {
      authorize: (input) => onAccount('s3:GetAccountPublicAccessBlock', input),
      handle: async (input, { services }) => ({
        PublicAccessBlockConfiguration: await services.s3AccountPublicAccess.get(input.AccountId),
      }),
    },
  ),
  defineOperation<S3ControlInput, undefined>('s3', 'DeleteAccountPublicAccessBlock', {
    authorize: (input) => onAccount('s3:PutAccountPublicAccessBlock', input),
    handle: async (input, { services }) => {
      await services.s3AccountPublicAccess.delete(input.AccountId);
      return undefined;
    },
  }),
] as AnyOperation[]);

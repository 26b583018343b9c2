/**
 * @module operations/define-operation
 * One table entry per AWS operation: how it authenticates, what it authorizes (its real IAM action, resource ARN
 * and condition keys), and which use case handles it. Operations never touch the wire; protocols/ decodes their
 * input and encodes their output from the service models.
 */

import type { Readable } from 'node:stream';
import type { AuthorizationSpec, Caller, RequestFacts } from '../core/authz/index.js';
import type { UploadIntegrity } from '../core/s3/index.js';
import type { Services } from '../core/services.js';

/** The AWS services iamd serves. */
export type ServiceName = 'iam' | 'sts' | 's3' | 'ec2' | 'cloudtrail';

/** Whether an operation needs a signature: AssumeRoleWithWebIdentity/SAML are `none`; S3 allows anonymous calls. */
export type AuthMode = 'required' | 'optional' | 'none';

/** Everything a handler may use. There is no request object: the domain never sees HTTP. */
export interface OperationContext {
  readonly caller: Caller;
  readonly facts: RequestFacts;
  readonly services: Services;
  /** The streaming payload of S3 uploads, already de-chunked. */
  readonly body?: Readable | undefined;
  readonly integrity?: UploadIntegrity | undefined;
}

/** `skip` is only for actions AWS never authorizes (sts:GetCallerIdentity). */
export type Authorization = AuthorizationSpec | readonly AuthorizationSpec[] | 'skip';

/** One operation. `I` and `O` are the model's input and output shapes. */
export interface Operation<I = never, O = unknown> {
  readonly service: ServiceName;
  readonly name: string;
  readonly auth: AuthMode;
  /** The model's streaming payload member is passed as `context.body` instead of being read. */
  readonly streamingInput?: boolean;
  /**
   * AWS documents this operation's AccessDenied errors as carrying an encoded authorization message (most EC2
   * actions); the pipeline then always encodes one.
   */
  readonly encodeDenials?: boolean;
  authorize(input: I, context: OperationContext): Promise<Authorization> | Authorization;
  handle(input: I, context: OperationContext): Promise<O> | O;
}

/** An operation with its types erased, as tables hold them. */
// biome-ignore lint/suspicious/noExplicitAny: a table holds operations of every input type.
export type AnyOperation = Operation<any, unknown>;

/**
 * Declares an operation.
 *
 * @example
 * export const getRole = defineOperation<Iam.GetRoleRequest, Iam.GetRoleResponse>('iam', 'GetRole', {
 *   authorize: (input, { caller }) => ({ action: 'iam:GetRole', resource: roleArn(caller, input.RoleName) }),
 *   handle: (input, { caller, services }) => services.iam.roles.get(accountOf(caller), input),
 * });
 */
export function defineOperation<I, O>(
  service: ServiceName,
  name: string,
  spec: Omit<Operation<I, O>, 'service' | 'name' | 'auth'> & { auth?: AuthMode },
): Operation<I, O> {
  return { service, name, auth: spec.auth ?? 'required', ...spec };
}

/** Builds the lookup table of a service's operations. */
export function operationTable(operations: readonly AnyOperation[]): ReadonlyMap<string, AnyOperation> {
  return new Map(operations.map((operation) => [operation.name, operation]));
}

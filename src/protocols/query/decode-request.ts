/**
 * @module protocols/query/decode-request
 * Decodes an awsQuery request (IAM, STS): the form body of a POST or the query string of a GET.
 *
 * `Action` and `Version` select the operation. AWS answers an unknown action, and a known action with a missing
 * or different version, with `InvalidAction` "Could not find operation <Action> for version <Version>"
 * (`NO_VERSION_SPECIFIED` when absent), and ignores unknown parameters (all observed on STS).
 */
import { AwsError } from '../../core/errors.js';
import type { ServiceModel } from '../service-model.js';
import { decodeQueryValue } from './decode-value.js';
import { buildParamTree } from './param-tree.js';
import { validateStructure } from './validate.js';
import { throwIfViolations, type Violation } from './violations.js';

/** A decoded Query request: the model's operation name and its validated input. */
export interface QueryRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/**
 * Decodes and validates a Query request against the model. Throws `MissingAction`, `InvalidAction` or
 * `ValidationError` (AWS's aggregated message) as an {@link AwsError}. Whether the operation is implemented is
 * the caller's decision.
 *
 * @example
 * const sts = loadServiceModel('sts');
 * decodeQueryRequest(sts, new URLSearchParams('Action=GetCallerIdentity&Version=2011-06-15'));
 * // { operation: 'GetCallerIdentity', input: {} }
 */
export function decodeQueryRequest(model: ServiceModel, params: URLSearchParams): QueryRequest {
  const action = params.get('Action');
  if (action === null) throw new AwsError('MissingAction');
  const version = params.get('Version');
  const operation = model.operation(action);
  if (!operation || version !== model.metadata.apiVersion) {
    throw new AwsError(
      'InvalidAction',
      `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`,
    );
  }
  if (!operation.input) return { operation: operation.name, input: {} };

  const problems: Violation[] = [];
  const tree = buildParamTree(params);
  const input = (decodeQueryValue(model, operation.input, tree, '', problems) ?? {}) as Record<string, unknown>;
  // Unparsable scalars are reported alone, as AWS rejects them before checking constraints.
  throwIfViolations(problems);
  validateStructure(model, model.structure(operation.input), input, '', problems);
  throwIfViolations(problems);
  return { operation: operation.name, input };
}

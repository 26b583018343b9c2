/**
 * @module protocols/query/encode-response
 * The awsQuery response and error envelopes (IAM, STS).
 *
 * Success: `<OpResponse xmlns="<metadata.xmlNamespace>"><OpResult>…</OpResult><ResponseMetadata><RequestId>…`;
 * botocore `QueryParser` finds the result by the model's `resultWrapper` and reads `ResponseMetadata/RequestId`.
 * Operations without output have no Result element (moto's `AddRoleToInstanceProfile` template).
 * Errors: `<ErrorResponse xmlns=…><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/>`, the
 * shape the Smithy awsQuery protocol tests (`xml-errors.smithy`) pin down.
 */
import type { AwsError } from '../../core/errors.js';
import type { ServiceModel } from '../service-model.js';
import { escapeXmlText, writeMembers, type XmlWriteOptions } from '../xml/index.js';

const QUERY_XML: XmlWriteOptions = { timestamps: 'iso8601-seconds' };

/**
 * Encodes an operation's output as the Query XML document. Members follow model order; members absent from
 * `output` are omitted. Throws a plain `Error` for an operation the model lacks (a programming error).
 *
 * @example
 * encodeQueryResponse(sts, 'GetCallerIdentity', { Account: '000000000000' }, 'req-1');
 * // '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>…'
 */
export function encodeQueryResponse(
  model: ServiceModel,
  operation: string,
  output: unknown,
  requestId: string,
): string {
  const op = model.operation(operation);
  if (!op) throw new Error(`${model.service} model has no operation ${operation}`);
  const out: string[] = [`<${op.name}Response${namespace(model)}>`];
  if (op.output) {
    const wrapper = op.output.resultWrapper ?? `${op.name}Result`;
    out.push(`<${wrapper}>`);
    writeMembers(model, model.structure(op.output), output, QUERY_XML, out);
    out.push(`</${wrapper}>`);
  }
  out.push(`<ResponseMetadata><RequestId>${escapeXmlText(requestId)}</RequestId></ResponseMetadata>`);
  out.push(`</${op.name}Response>`);
  return out.join('');
}

/**
 * Encodes an {@link AwsError} as the Query error document. The HTTP status is `error.status`.
 *
 * @example
 * encodeQueryError(iam, new AwsError('NoSuchEntity', 'The role with name x cannot be found.'), 'req-1');
 */
export function encodeQueryError(model: ServiceModel, error: AwsError, requestId: string): string {
  return (
    `<ErrorResponse${namespace(model)}><Error>` +
    `<Type>${error.fault}</Type>` +
    `<Code>${escapeXmlText(error.code)}</Code>` +
    `<Message>${escapeXmlText(error.message)}</Message>` +
    `</Error><RequestId>${escapeXmlText(requestId)}</RequestId></ErrorResponse>`
  );
}

function namespace(model: ServiceModel): string {
  const uri = model.metadata.xmlNamespace;
  return uri ? ` xmlns="${escapeXmlText(uri)}"` : '';
}

/**
 * @module protocols/ec2/encode-response
 * EC2 responses (botocore `EC2QueryParser`): the output members sit directly under `<OpResponse xmlns=…>` next to
 * `<requestId>` — there is no `<OpResult>` wrapper — named by their `locationName`, lists as `<item>` elements.
 * Operations without an output shape answer `<return>true</return>`. Errors are
 * `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`, and an authorization
 * failure is `UnauthorizedOperation` with "You are not authorized to perform this operation." before the reason.
 */

import type { AwsError } from '../../core/errors.js';
import type { ServiceModel } from '../service-model.js';
import { escapeXmlText, writeMembers, type XmlWriteOptions } from '../xml/index.js';

const EC2_XML: XmlWriteOptions = { timestamps: 'iso8601' };

/**
 * Encodes an operation's output.
 *
 * @example
 * encodeEc2Response(ec2, 'TerminateInstances', { TerminatingInstances: [] }, 'req-1');
 * // '<TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId>…'
 */
export function encodeEc2Response(model: ServiceModel, operation: string, output: unknown, requestId: string): string {
  const op = model.operation(operation);
  if (!op) throw new Error(`ec2 model has no operation ${operation}`);
  const namespace = model.metadata.xmlNamespace ? ` xmlns="${escapeXmlText(`${model.metadata.xmlNamespace}/`)}"` : '';
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?>\n<${op.name}Response${namespace}>`];
  out.push(`<requestId>${escapeXmlText(requestId)}</requestId>`);
  if (op.output) writeMembers(model, model.structure(op.output), output, EC2_XML, out);
  else out.push('<return>true</return>');
  out.push(`</${op.name}Response>`);
  return out.join('');
}

/** Code, status and message of an error as EC2 spells it. */
export function ec2ErrorOf(error: AwsError): { code: string; status: number; message: string } {
  switch (error.code) {
    case 'AccessDenied':
      return {
        code: 'UnauthorizedOperation',
        status: 403,
        message: `You are not authorized to perform this operation. ${error.message}`,
      };
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'IncompleteSignature':
    case 'MissingAuthenticationToken':
      return { code: 'AuthFailure', status: 401, message: error.message };
    default:
      return { code: error.code, status: error.status, message: error.message };
  }
}

/**
 * Encodes an error document; send it with `ec2ErrorOf(error).status`.
 *
 * @example
 * encodeEc2Error(new AwsError('InvalidInstanceID.NotFound', "The instance ID 'i-1' does not exist"), 'req-1');
 */
export function encodeEc2Error(error: AwsError, requestId: string): string {
  const { code, message } = ec2ErrorOf(error);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>' +
    `<Code>${escapeXmlText(code)}</Code><Message>${escapeXmlText(message)}</Message>` +
    `</Error></Errors><RequestID>${escapeXmlText(requestId)}</RequestID></Response>`
  );
}

/**
 * @module protocols/rest-xml/encode-error
 * The S3 error document (S3 API Reference, "Error responses"): `<Error><Code/><Message/><Resource/><RequestId/>`
 * with S3's own code and status for the failure (`s3ErrorOf`, e.g. `InvalidAccessKeyId` where IAM would say
 * `InvalidClientTokenId`).
 */
import { type AwsError, s3ErrorOf } from '../../core/errors.js';
import { escapeXmlText } from '../xml/index.js';

/** An encoded S3 error response. */
export interface S3ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Encodes `error` as S3 does. `resource` is the bucket or object path the request addressed, when known;
 * `details` are the extra elements S3 puts after `<Message>` for some errors (`<StringToSign>`,
 * `<CanonicalRequest>` … of SignatureDoesNotMatch; `<ServerTime>` of RequestTimeTooSkewed).
 * The caller drops the body for HEAD requests.
 *
 * @example
 * encodeS3Error(new AwsError('NoSuchBucket'), 'req-1', '/missing').status; // 404
 */
export function encodeS3Error(
  error: AwsError,
  requestId: string,
  resource?: string,
  details: ReadonlyArray<readonly [string, string]> = [],
): S3ErrorResponse {
  const { code, status, message } = s3ErrorOf(error);
  const extra = details.map(([element, text]) => `<${element}>${escapeXmlText(text)}</${element}>`).join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXmlText(code)}</Code><Message>${escapeXmlText(message)}</Message>${extra}` +
    (resource === undefined ? '' : `<Resource>${escapeXmlText(resource)}</Resource>`) +
    `<RequestId>${escapeXmlText(requestId)}</RequestId></Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId }, body };
}

/**
 * @module arn/arn
 * Amazon Resource Names: `arn:partition:service:region:account-id:resource`.
 *
 * The resource part is everything after the fifth colon and may itself contain `:` and `/`
 * (`arn:aws:iam::123456789012:role/path/name`, `arn:aws:s3:::bucket/key:with:colons`), as described in the
 * IAM User Guide "IAM identifiers" and the AWS General Reference "Amazon Resource Names (ARNs)".
 */

/** The five fields of an ARN. `region` and `account` are empty for global services (IAM, S3 buckets). */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/**
 * Splits an ARN into its fields. Returns `undefined` unless the text starts with `arn:`, has at least six
 * colon-separated fields, and names a partition, a service and a resource (region and account may be empty).
 *
 * @example
 * parseArn('arn:aws:iam::123456789012:role/app/reader');
 * // { partition: 'aws', service: 'iam', region: '', account: '123456789012', resource: 'role/app/reader' }
 */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (partition === '' || service === '' || resource === '') return undefined;
  return { partition, service, region, account, resource };
}

/**
 * Joins the fields back into ARN text; `formatArn(parseArn(s)!) === s` for every ARN `parseArn` accepts.
 *
 * @example
 * formatArn({ partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket/key' });
 * // 'arn:aws:s3:::bucket/key'
 */
export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

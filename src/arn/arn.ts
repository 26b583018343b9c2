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
  // Five colons found in place rather than a split and a re-join of the resource: ARNs are parsed on every request.
  if (!text.startsWith('arn:')) return undefined;
  const afterPartition = text.indexOf(':', 4);
  const afterService = afterPartition < 0 ? -1 : text.indexOf(':', afterPartition + 1);
  const afterRegion = afterService < 0 ? -1 : text.indexOf(':', afterService + 1);
  const afterAccount = afterRegion < 0 ? -1 : text.indexOf(':', afterRegion + 1);
  if (afterAccount < 0) return undefined;
  const partition = text.slice(4, afterPartition);
  const service = text.slice(afterPartition + 1, afterService);
  const resource = text.slice(afterAccount + 1);
  if (partition === '' || service === '' || resource === '') return undefined;
  return {
    partition,
    service,
    region: text.slice(afterService + 1, afterRegion),
    account: text.slice(afterRegion + 1, afterAccount),
    resource,
  };
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

/**
 * @module policy/arn-fields
 * Splits an ARN into its six fields the way policy matching needs (IAM-SEMANTICS.md §4.11): the first five
 * colons separate `arn`, partition, service, region and account; everything after the fifth colon is the
 * resource field, which may itself contain `:` and `/`. Kept inside policy/ so the engine stays free of
 * dependencies; `arn/` offers the general-purpose parser.
 */

/** The six fields of an ARN: `[arn, partition, service, region, account, resource]`. */
export type ArnFields = readonly [string, string, string, string, string, string];

/**
 * Splits `text` at its first five colons; `undefined` when it has fewer than five or does not start with `arn:`.
 * @example
 * splitArn('arn:aws:s3:::bucket/a:b'); // ['arn', 'aws', 's3', '', '', 'bucket/a:b']
 */
export function splitArn(text: string): ArnFields | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const c1 = 3;
  const c2 = text.indexOf(':', c1 + 1);
  if (c2 < 0) return undefined;
  const c3 = text.indexOf(':', c2 + 1);
  if (c3 < 0) return undefined;
  const c4 = text.indexOf(':', c3 + 1);
  if (c4 < 0) return undefined;
  const c5 = text.indexOf(':', c4 + 1);
  if (c5 < 0) return undefined;
  return [
    'arn',
    text.slice(c1 + 1, c2),
    text.slice(c2 + 1, c3),
    text.slice(c3 + 1, c4),
    text.slice(c4 + 1, c5),
    text.slice(c5 + 1),
  ];
}

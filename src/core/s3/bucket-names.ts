/**
 * @module core/s3/bucket-names
 * General purpose bucket naming rules (S3 User Guide, "Bucket naming rules"): 3–63 characters of lower-case
 * letters, digits, dots and hyphens, beginning and ending with a letter or digit, no adjacent dots, not an IPv4
 * address, none of the reserved prefixes and suffixes.
 */

const SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * True when `name` is a valid general purpose bucket name.
 *
 * @example
 * isValidBucketName('my-sts-demo-bucket'); // true
 * isValidBucketName('My_Bucket'); // false
 */
export function isValidBucketName(name: string): boolean {
  return (
    SHAPE.test(name) &&
    !name.includes('..') &&
    !IPV4.test(name) &&
    !RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))
  );
}

/** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`. */
export function s3Arn(bucket: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
}

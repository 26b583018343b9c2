/**
 * @module http/route
 * Which service a request is for. AWS tells them apart by host name; behind one local endpoint
 * (`AWS_ENDPOINT_URL`) iamd uses the SigV4 credential scope's service, then the shape of the request: a form POST or
 * `?Action=` to `/` is a Query call (IAM or STS by action), `/_iamd/*` is internal, everything else is S3 (path
 * style, or virtual-hosted as `<bucket>.localhost`). CloudTrail (JSON 1.1) is told by its scope or `X-Amz-Target`.
 * S3 Control signs as `s3` too; its requests are `/v20180820/…` with an `x-amz-account-id` header, sent to
 * `<account>.s3-control.<region>.amazonaws.com` or, with a custom endpoint, to `<account>.<endpoint host>`.
 */

/** Where a request goes. */
export type Route =
  | { readonly kind: 'internal' }
  | { readonly kind: 'ec2' }
  | { readonly kind: 'query'; readonly service?: 'iam' | 'sts' | undefined }
  | { readonly kind: 'json'; readonly service: 'cloudtrail' }
  | { readonly kind: 's3'; readonly bucket?: string | undefined; readonly key?: string | undefined }
  | { readonly kind: 's3control' }
  | { readonly kind: 'unsupported'; readonly service: string };

/** The `X-Amz-Target` prefix of CloudTrail (its model's `targetPrefix`). */
const CLOUDTRAIL_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.';

const SCOPE_SERVICE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/;

/** The service named by the credential scope of the Authorization header or of `X-Amz-Credential`. */
function scopeService(authorization: string | undefined, query: URLSearchParams): string | undefined {
  if (authorization !== undefined) return SCOPE_SERVICE.exec(authorization)?.[1];
  // Only a SigV4 scope (`AKID/date/region/service/aws4_request`) names a service; SigV4A's has no region.
  const parts = query.get('X-Amz-Credential')?.split('/');
  return parts?.length === 5 ? parts[3] : undefined;
}

/** Splits `<bucket>.localhost[:port]` into its bucket, for virtual-hosted-style S3 requests. */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (!name.endsWith('.localhost')) return undefined;
  const bucket = name.slice(0, -'.localhost'.length).replace(/\.s3$/, '');
  return bucket === '' ? undefined : bucket;
}

/** Bucket and key of an S3 request. The raw path is percent-decoded once, as S3 does; the key keeps its slashes. */
export function s3Target(rawPath: string, host: string | undefined): { bucket?: string; key?: string } {
  const hosted = virtualHostBucket(host);
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (hosted !== undefined) return path === '' ? { bucket: hosted } : { bucket: hosted, key: decodeURIComponent(path) };
  if (path === '') return {};
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decodeURIComponent(path) };
  const key = decodeURIComponent(path.slice(slash + 1));
  return key === ''
    ? { bucket: decodeURIComponent(path.slice(0, slash)) }
    : { bucket: decodeURIComponent(path.slice(0, slash)), key };
}

/** The path prefix of every S3 Control operation (its model's `requestUri`s, API version 2018-08-20). */
const S3_CONTROL_PREFIX = '/v20180820/';

/**
 * Whether an S3-signed (or unsigned) request is for S3 Control: its path, and the account header every S3 Control
 * operation carries (a path-style request to a bucket named `v20180820` has no reason to send one).
 */
function isS3Control(rawPath: string, accountId: string | undefined): boolean {
  return rawPath.startsWith(S3_CONTROL_PREFIX) && accountId !== undefined;
}

/**
 * Routes a request.
 *
 * @example
 * route({ method: 'POST', rawPath: '/', query, headers }); // { kind: 'query', service: 'sts' }
 */
export function route(request: {
  method: string;
  rawPath: string;
  query: URLSearchParams;
  authorization?: string | undefined;
  contentType?: string | undefined;
  host?: string | undefined;
  /** The `X-Amz-Target` header of JSON protocols. */
  target?: string | undefined;
  /** The `x-amz-account-id` header of S3 Control. */
  accountId?: string | undefined;
}): Route {
  if (request.rawPath.startsWith('/_iamd/')) return { kind: 'internal' };
  const service = scopeService(request.authorization, request.query);
  if (service === 'iam' || service === 'sts') return { kind: 'query', service };
  if (service === 'cloudtrail' || request.target?.startsWith(CLOUDTRAIL_TARGET) === true) {
    return { kind: 'json', service: 'cloudtrail' };
  }
  if (service === 'ec2') return { kind: 'ec2' };
  if ((service === 's3' || service === undefined) && isS3Control(request.rawPath, request.accountId)) {
    return { kind: 's3control' };
  }
  if (service === 's3') return { kind: 's3', ...s3Target(request.rawPath, request.host) };
  if (service !== undefined) return { kind: 'unsupported', service };
  const hosted = virtualHostBucket(request.host) !== undefined;
  const isForm =
    request.method === 'POST' && (request.contentType ?? '').startsWith('application/x-www-form-urlencoded');
  if (!hosted && request.rawPath === '/' && (isForm || request.query.has('Action'))) return { kind: 'query' };
  return { kind: 's3', ...s3Target(request.rawPath, request.host) };
}

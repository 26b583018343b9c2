/**
 * @module protocols/rest-xml/match-operation
 * Finds the S3 operation for a request from the model's HTTP bindings alone: `http.method` plus
 * `http.requestUri`, whose path is `/`, `/{Bucket}` or `/{Bucket}/{Key+}` and whose query part lists literal
 * sub-resources (`?publicAccessBlock`, `?list-type=2`, `?select&select-type=2`).
 *
 * An operation matches when the method and path kind agree, every literal is present (with its value when the
 * model gives one), and every *required* query-string and header member of its input is present: that is what
 * tells `PUT /{Bucket}/{Key+}` apart as PutObject, CopyObject (`x-amz-copy-source`), UploadPart
 * (`partNumber`, `uploadId`) or UploadPartCopy. The most specific match wins, so `GET /{Bucket}?list-type=2` is
 * ListObjectsV2 and a bare `GET /{Bucket}` is ListObjects; deprecated twins (GetBucketLifecycle) lose ties.
 * `x-id` is only a client hint (JS v3 adds `?x-id=GetObject`) and is never required.
 */
import type { ServiceModel } from '../service-model.js';
import type { HeaderMap } from './decode-request.js';

/** Which part of the S3 namespace a request addresses. */
export type PathKind = 'service' | 'bucket' | 'object';

interface QueryLiteral {
  readonly key: string;
  readonly value: string | undefined;
}

interface Route {
  readonly operation: string;
  readonly literals: readonly QueryLiteral[];
  readonly requiredQuery: readonly string[];
  /** Lower-cased header names. */
  readonly requiredHeaders: readonly string[];
  readonly deprecated: boolean;
}

/** Routes grouped by `"<METHOD> <kind>"`, most specific first. */
export type RouteTable = ReadonlyMap<string, readonly Route[]>;

const PATH_KINDS: Readonly<Record<string, PathKind>> = {
  '/': 'service',
  '/{Bucket}': 'bucket',
  '/{Bucket}/{Key+}': 'object',
};

/** Builds the route table of a model; use through `model.derive(buildRouteTable)` so it is built once. */
export function buildRouteTable(model: ServiceModel): RouteTable {
  const table = new Map<string, Route[]>();
  for (const name of model.operationNames()) {
    const op = model.operation(name);
    if (!op) continue;
    const [path = '', query = ''] = op.http.requestUri.split('?', 2);
    // Host-addressed operations such as WriteGetObjectResponse (`/WriteGetObjectResponse`) are not routable here.
    const kind = Object.hasOwn(PATH_KINDS, path) ? PATH_KINDS[path] : undefined;
    if (!kind) continue;
    const key = `${op.http.method.toUpperCase()} ${kind}`;
    const routes = table.get(key) ?? [];
    routes.push({
      operation: name,
      literals: parseLiterals(query),
      ...requiredMembers(model, name),
      deprecated: op.deprecated === true,
    });
    table.set(key, routes);
  }
  for (const routes of table.values())
    routes.sort((a, b) => specificity(b) - specificity(a) || Number(a.deprecated) - Number(b.deprecated));
  return table;
}

function parseLiterals(query: string): QueryLiteral[] {
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part): QueryLiteral => {
      const eq = part.indexOf('=');
      return eq < 0 ? { key: part, value: undefined } : { key: part.slice(0, eq), value: part.slice(eq + 1) };
    })
    .filter((literal) => literal.key !== 'x-id');
}

function requiredMembers(model: ServiceModel, operation: string): Pick<Route, 'requiredQuery' | 'requiredHeaders'> {
  const input = model.operation(operation)?.input;
  if (!input) return { requiredQuery: [], requiredHeaders: [] };
  const shape = model.structure(input);
  const refs = (shape.required ?? []).flatMap((name) => {
    const ref = shape.members[name];
    return ref ? [{ name, ref }] : [];
  });
  return {
    requiredQuery: refs
      .filter(({ ref }) => ref.location === 'querystring')
      .map(({ name, ref }) => ref.locationName ?? name),
    requiredHeaders: refs
      .filter(({ ref }) => ref.location === 'header')
      .map(({ name, ref }) => (ref.locationName ?? name).toLowerCase()),
  };
}

function specificity(route: Route): number {
  return route.literals.length + route.requiredQuery.length + route.requiredHeaders.length;
}

/** The path kind of a request target; an empty key (`/bucket/`) addresses the bucket, as in S3. */
export function pathKindOf(target: { readonly bucket?: string; readonly key?: string }): PathKind {
  if (target.bucket === undefined || target.bucket === '') return 'service';
  return target.key === undefined || target.key === '' ? 'bucket' : 'object';
}

/**
 * The model operation a request addresses, or `undefined` when none does (S3 then answers `MethodNotAllowed`
 * or `NotImplemented`, the caller's choice). Without `headers`, operations that require a header (CopyObject)
 * never match.
 *
 * @example
 * matchRestXmlOperation(s3, 'GET', { bucket: 'b' }, new URLSearchParams('list-type=2')); // 'ListObjectsV2'
 */
export function matchRestXmlOperation(
  model: ServiceModel,
  method: string,
  target: { readonly bucket?: string; readonly key?: string },
  query: URLSearchParams,
  headers: HeaderMap = {},
): string | undefined {
  const routes = model.derive(buildRouteTable).get(`${method.toUpperCase()} ${pathKindOf(target)}`) ?? [];
  const headerNames = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const found = routes.find(
    (route) =>
      route.literals.every((literal) =>
        literal.value === undefined ? query.has(literal.key) : query.get(literal.key) === literal.value,
      ) &&
      route.requiredQuery.every((name) => query.has(name)) &&
      route.requiredHeaders.every((name) => headerNames.has(name)),
  );
  return found?.operation;
}

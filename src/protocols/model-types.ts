/**
 * @module protocols/model-types
 * The parts of a botocore `service-2.json` model that the wire codecs read. Field names are the model's own
 * (botocore `botocore/model.py` reads the same keys); documentation strings are never used at runtime.
 */

/** Where a member travels in a REST request or response (botocore `location`). Query members have none. */
export type MemberLocation = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

/** Explicit timestamp formats a member or shape may declare; the protocol picks the default otherwise. */
export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

/** An XML namespace declaration (`xmlns` or `xmlns:prefix`). */
export interface XmlNamespace {
  readonly uri: string;
  readonly prefix?: string;
}

/** A reference from a structure member, list member, map key/value or operation input/output to a shape. */
export interface ShapeRef {
  readonly shape: string;
  readonly location?: MemberLocation;
  readonly locationName?: string;
  readonly flattened?: boolean;
  readonly streaming?: boolean;
  readonly xmlAttribute?: boolean;
  readonly xmlNamespace?: XmlNamespace;
  readonly sensitive?: boolean;
  readonly timestampFormat?: TimestampFormat;
  readonly jsonvalue?: boolean;
}

interface ShapeCommon {
  readonly sensitive?: boolean;
  readonly locationName?: string;
  readonly xmlNamespace?: XmlNamespace;
}

/** A structure: ordered members, the `required` list and (REST) the `payload` member. */
export interface StructureShape extends ShapeCommon {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, ShapeRef>>;
  readonly required?: readonly string[];
  readonly payload?: string;
  readonly union?: boolean;
  readonly exception?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
}

/** A list; `flattened` lists repeat their element without a wrapper. */
export interface ListShape extends ShapeCommon {
  readonly type: 'list';
  readonly member: ShapeRef;
  readonly min?: number;
  readonly max?: number;
  readonly flattened?: boolean;
}

/** A string-keyed map (`entry/key/value` on the wire unless renamed). */
export interface MapShape extends ShapeCommon {
  readonly type: 'map';
  readonly key: ShapeRef;
  readonly value: ShapeRef;
  readonly min?: number;
  readonly max?: number;
  readonly flattened?: boolean;
}

/** A string, possibly constrained by length, a Java-syntax `pattern` or an `enum`. */
export interface StringShape extends ShapeCommon {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

/** The numeric shapes; `min`/`max` are value ranges. */
export interface NumberShape extends ShapeCommon {
  readonly type: 'integer' | 'long' | 'float' | 'double';
  readonly min?: number;
  readonly max?: number;
}

/** A boolean. */
export interface BooleanShape extends ShapeCommon {
  readonly type: 'boolean';
}

/** A timestamp, optionally with a fixed wire format. */
export interface TimestampShape extends ShapeCommon {
  readonly type: 'timestamp';
  readonly timestampFormat?: TimestampFormat;
}

/** Binary data: base64 in XML and Query, raw bytes as a REST payload. */
export interface BlobShape extends ShapeCommon {
  readonly type: 'blob';
  readonly min?: number;
  readonly max?: number;
  readonly streaming?: boolean;
}

/** Any shape of the model. */
export type Shape =
  | StructureShape
  | ListShape
  | MapShape
  | StringShape
  | NumberShape
  | BooleanShape
  | TimestampShape
  | BlobShape;

/** The HTTP binding of an operation (`requestUri` may carry literal query parts, e.g. `/{Bucket}?list-type=2`). */
export interface HttpBinding {
  readonly method: string;
  readonly requestUri: string;
  readonly responseCode?: number;
}

/** One operation of the model. */
export interface OperationModel {
  readonly name: string;
  readonly http: HttpBinding;
  readonly input?: ShapeRef;
  readonly output?: ShapeRef & { readonly resultWrapper?: string };
  readonly errors?: readonly ShapeRef[];
  readonly deprecated?: boolean;
}

/** The model's `metadata` block. */
export interface ServiceMetadata {
  readonly apiVersion: string;
  readonly protocol: string;
  readonly serviceId: string;
  readonly endpointPrefix: string;
  readonly xmlNamespace?: string;
  readonly globalEndpoint?: string;
  readonly signatureVersion?: string;
  /** JSON protocols: the `X-Amz-Target` prefix (`<targetPrefix>.<Operation>`). */
  readonly targetPrefix?: string;
}

/** The JSON document itself, as read from disk. */
export interface ServiceModelJson {
  readonly metadata: ServiceMetadata;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

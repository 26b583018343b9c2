/**
 * @module protocols
 * Model-driven wire codecs. They interpret the botocore service models in `models/` at runtime, so operations
 * receive typed, validated input and return typed output, and never touch XML or form encoding.
 */
export type {
  OperationModel,
  ServiceMetadata,
  Shape,
  ShapeRef,
  StructureShape,
} from './model-types.js';
export { decodeEc2Request, ec2ErrorOf, encodeEc2Error, encodeEc2Response } from './ec2/index.js';
export { decodeJsonRequest, encodeJsonError, encodeJsonResponse, jsonErrorCode } from './json/index.js';
export { decodeQueryRequest, encodeQueryError, encodeQueryResponse, type QueryRequest } from './query/index.js';
export {
  decodeRestXmlRequest,
  encodeRestXmlResponse,
  encodeS3Error,
  matchRestXmlOperation,
  type HeaderMap,
  type RestXmlRequest,
  type RestXmlResponse,
  type S3ErrorResponse,
  S3_XML_NAMESPACE,
} from './rest-xml/index.js';
export { loadServiceModel, ServiceModel, type ServiceName } from './service-model.js';

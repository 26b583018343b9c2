/**
 * @module protocols/rest-xml
 * The REST-XML protocol (S3): route a request to its operation, decode it, encode outputs and errors.
 */
export { decodeRestXmlRequest, type HeaderMap, type RestXmlRequest } from './decode-request.js';
export { encodeS3Error, type S3ErrorResponse } from './encode-error.js';
export { encodeRestXmlResponse, type RestXmlResponse, S3_XML_NAMESPACE } from './encode-response.js';
export { matchRestXmlOperation, type PathKind } from './match-operation.js';

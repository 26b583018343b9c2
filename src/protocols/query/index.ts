/**
 * @module protocols/query
 * The awsQuery protocol (IAM, STS): decode form parameters into validated input, encode output and errors.
 */
export { decodeQueryRequest, type QueryRequest } from './decode-request.js';
export { encodeQueryError, encodeQueryResponse } from './encode-response.js';
export { formatViolations, type Violation } from './violations.js';

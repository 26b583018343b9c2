/**
 * @module protocols/json
 * The awsJson1_1 protocol (CloudTrail): `X-Amz-Target` names the operation, JSON in and out.
 */
export { decodeJsonRequest } from './decode-request.js';
export { encodeJsonError, encodeJsonResponse, jsonErrorCode } from './encode-response.js';

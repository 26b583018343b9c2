/**
 * @module http/imds
 * Instance metadata endpoints (IMDSv2) and the internal instance API `iamd instance run` uses.
 */
export { ImdsListeners, parsePortRange } from './imds-listeners.js';
export { handleEc2Query } from './ec2-query-handler.js';
export { handleInstancesApi } from './instances-api.js';
export { readSignedJson, type SignedJsonRequest, sendJson, sendJsonError } from './signed-json.js';

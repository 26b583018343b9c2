/**
 * @module http/container-credentials
 * The container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI`) and the grants `iamd exec` registers.
 */
export { handleContainerCredentials } from './container-api.js';

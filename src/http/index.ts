/**
 * @module http
 * The HTTP edge: one listener for every AWS API, and `/_iamd/*`.
 */
export type { HttpContext } from './context.js';
export { createRequestListener } from './request-listener.js';
export { listen, type RunningServer } from './server.js';

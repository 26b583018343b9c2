/**
 * @module cli/audit
 * `iamd audit …` and the event reading `iamd policy generate` shares.
 */
export { registerAuditCommands } from './commands.js';
export { eventsSince, parseDuration } from './read-events.js';
export { isDenied, renderEvent } from './render.js';
export { madeBy, type TailOptions, tailEvents } from './tail.js';

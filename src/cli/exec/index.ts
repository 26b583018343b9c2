/**
 * @module cli/exec
 * `iamd exec`: run a command with a role's credentials served by the container credentials endpoint.
 */
export { registerExecCommand } from './commands.js';
export { type ExecFlags, exec } from './exec.js';

/**
 * @module cli/instance
 * `iamd instance run`, and the client pieces `iamd exec` shares: the caller's credentials, signed calls to iamd,
 * the workload environment and the child process.
 */
export { callerCredentials, type Env, parseIni } from './caller-credentials.js';
export { callJson, callQuery, IamdCallError, type IamdTarget, unescapeXml } from './iamd-client.js';
export { iamdTarget, type InstanceRunFlags, instanceRun, reportFailure } from './instance-run.js';
export { probeInstanceCredentials } from './probe-credentials.js';
export { profileForRole } from './profile-for-role.js';
export { registerInstanceCommands } from './commands.js';
export { runChild } from './run-child.js';
export { SHADOWING_VARIABLES, type WorkloadEnv, workloadEnv } from './workload-env.js';

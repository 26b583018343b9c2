/**
 * @module cli/accounts
 * `iamd accounts …`.
 */

export { type CreatedAccount, createAccount, credentialsProfile, listAccounts } from './accounts.js';
export { registerAccountsCommands } from './commands.js';
export { type OpenData, openData } from './open-data.js';

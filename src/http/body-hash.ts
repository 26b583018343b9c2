/**
 * @module http/body-hash
 * The hex SHA-256 of a Query request's body, for the SigV4 canonical request (WIRE.md §3: the payload hash of a
 * service other than S3 is the caller's own hash of the body). SDKs send byte-identical bodies for the same call
 * (every GetCallerIdentity; a workload renewing the same role session), so the last small body and its hash are
 * remembered: comparing a few dozen bytes costs a fraction of a hash call (`node bench/profile.mjs gci` put `hash`,
 * four calls a request, at the top of a GetCallerIdentity's own steps).
 */

import { hash } from 'node:crypto';

/** Bodies larger than this are hashed every time, never copied to be remembered. */
const MAX_REMEMBERED_BYTES = 1024;

/**
 * A hasher remembering the last body it hashed (a copy of it, so later changes to the caller's buffer cannot make it
 * answer for other bytes).
 *
 * @example
 * const sha256 = rememberingBodySha256();
 * sha256(Buffer.from('Action=GetCallerIdentity&Version=2011-06-15')); // 'ab821ae9…'
 */
export function rememberingBodySha256(): (body: Buffer) => string {
  let last: Buffer | undefined;
  let lastHex = '';
  return (body) => {
    if (last?.equals(body)) return lastHex;
    const hex = hash('sha256', body, 'hex');
    if (body.length <= MAX_REMEMBERED_BYTES) {
      last = Buffer.from(body);
      lastHex = hex;
    }
    return hex;
  };
}

/**
 * @module core/authz/request-facts
 * Facts about a request that the transport knows and the policy context needs (global condition keys).
 */

import type { ContextValue } from '../../policy/index.js';

/** What the HTTP edge tells the domain about a request. */
export interface RequestFacts {
  readonly requestId: string;
  readonly time: Date;
  /** Client address; absent when unknown. */
  readonly sourceIp?: string | undefined;
  readonly secureTransport: boolean;
  readonly userAgent?: string | undefined;
  /** Region of the request's credential scope (`aws:RequestedRegion`). */
  readonly region: string;
  /**
   * Whether a denial carries an encoded authorization message: for operations AWS documents as doing so, and
   * (an iamd extension) whenever the client sends `x-iamd-encode-authorization-message: true`.
   */
  readonly encodeAuthorizationMessage?: boolean | undefined;
  /** Service-specific keys that come from the request itself (e.g. `s3:authType`, `s3:signatureAge`). */
  readonly serviceContext?: Readonly<Record<string, ContextValue | undefined>> | undefined;
}

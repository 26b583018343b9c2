/**
 * @module core/authz/request-facts
 * Facts about a request that the transport knows and the policy context needs (global condition keys).
 */

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
}

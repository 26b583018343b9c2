/**
 * @module http/context
 * What every protocol handler shares: the domain, the loaded service models, the signing-key cache and limits.
 */

import type { Logger } from 'pino';
import type { Services } from '../core/services.js';
import type { ServiceModel } from '../protocols/index.js';
import type { SigningKeyCache } from '../sigv4/index.js';

/** The dependencies of the HTTP handlers, built once by app.ts. */
export interface HttpContext {
  readonly services: Services;
  readonly models: {
    readonly iam: ServiceModel;
    readonly sts: ServiceModel;
    readonly s3: ServiceModel;
    readonly ec2: ServiceModel;
    readonly cloudtrail: ServiceModel;
  };
  readonly signingKeys: SigningKeyCache;
  readonly logger: Logger;
  readonly region: string;
  readonly maxQueryBodyBytes: number;
  readonly maxObjectBytes: number;
}

/** What a handler reports back for the access log. */
export interface HandledRequest {
  service: string;
  operation?: string | undefined;
  errorCode?: string | undefined;
}

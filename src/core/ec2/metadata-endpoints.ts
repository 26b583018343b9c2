/**
 * @module core/ec2/metadata-endpoints
 * The port through which the EC2 domain opens and closes an instance's metadata endpoint. The HTTP edge implements
 * it (one loopback listener per running instance, `http/imds/`); the domain only says when.
 */

import type { InstanceRecord } from '../entities.js';

/** Opens and closes instance metadata endpoints. */
export interface MetadataEndpoints {
  /** Opens the endpoint of a running instance (idempotent); fails when no port of the range is free. */
  open(instance: InstanceRecord): Promise<void>;
  /** Closes it (idempotent); the instance's metadata tokens die with it. */
  close(instanceId: string): Promise<void>;
  /** `http://127.0.0.1:<port>` of an open endpoint. */
  endpointOf(instanceId: string): string | undefined;
  /** How many more endpoints can be opened. */
  capacity(): number;
}

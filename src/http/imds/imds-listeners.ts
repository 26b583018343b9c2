/**
 * @module http/imds/imds-listeners
 * The instance metadata listeners: one `node:http` server per running instance, bound to 127.0.0.1 on a port of the
 * configured range (`imdsPortRange`), so a workload reaches "its" instance through
 * `AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:<port>/`. Implements the domain's {@link MetadataEndpoints}.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { InstanceMetadata, MetadataEndpoints } from '../../core/ec2/index.js';
import type { InstanceRecord } from '../../core/entities.js';
import type { Clock, Random } from '../../core/ports.js';
import { handleImds } from './imds-handler.js';
import { TokenStore } from './token-store.js';

const HOST = '127.0.0.1';
/** Endpoints allowed at once when the range is `0` (any free port). */
const ANY_PORT_CAPACITY = 256;

interface OpenEndpoint {
  readonly server: Server;
  readonly port: number;
}

/** Parses `FIRST-LAST` (or `0`) into the ports to try, in order. */
export function parsePortRange(range: string): readonly number[] {
  if (range === '0') return [];
  const [first = 0, last = 0] = range.split('-').map(Number);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function listenOn(server: Server, port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(undefined);
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/** Opens and closes metadata listeners; call {@link ImdsListeners.serve} before the first `open`. */
export class ImdsListeners implements MetadataEndpoints {
  readonly #ports: readonly number[];
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #logger: Logger;
  readonly #open = new Map<string, OpenEndpoint>();
  #metadata: InstanceMetadata | undefined;

  constructor(options: { portRange: string; clock: Clock; random: Random; logger: Logger }) {
    this.#ports = parsePortRange(options.portRange);
    this.#clock = options.clock;
    this.#random = options.random;
    this.#logger = options.logger;
  }

  /** Gives the listeners the domain they answer from (built after them, from the same wiring). */
  serve(metadata: InstanceMetadata): void {
    this.#metadata = metadata;
  }

  capacity(): number {
    const total = this.#ports.length === 0 ? ANY_PORT_CAPACITY : this.#ports.length;
    return Math.max(0, total - this.#open.size);
  }

  endpointOf(instanceId: string): string | undefined {
    const open = this.#open.get(instanceId);
    return open && `http://${HOST}:${open.port}`;
  }

  async open(instance: InstanceRecord): Promise<void> {
    const metadata = this.#metadata;
    if (!metadata) throw new Error('ImdsListeners.serve() was not called');
    const instanceId = instance.instanceId;
    if (this.#open.has(instanceId)) return;
    const tokens = new TokenStore(this.#clock, this.#random);
    const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      handleImds(req, res, instanceId, metadata, tokens).then(
        (status) => this.#logger.debug({ instanceId, method: req.method, path: req.url, status }, 'imds request'),
        (error: unknown) => {
          this.#logger.error({ err: error, instanceId }, 'imds request failed');
          if (!res.headersSent) res.writeHead(500);
          res.end();
        },
      );
    });
    const used = new Set([...this.#open.values()].map((endpoint) => endpoint.port));
    const candidates = this.#ports.length === 0 ? [0] : this.#ports.filter((port) => !used.has(port));
    for (const candidate of candidates) {
      const port = await listenOn(server, candidate);
      if (port !== undefined) {
        this.#open.set(instanceId, { server, port });
        return;
      }
    }
    throw new Error(`no free port for the metadata endpoint of ${instanceId}`);
  }

  async close(instanceId: string): Promise<void> {
    const open = this.#open.get(instanceId);
    if (!open) return;
    this.#open.delete(instanceId);
    this.#metadata?.forget(instanceId);
    await new Promise<void>((resolve) => {
      open.server.close(() => resolve());
      open.server.closeAllConnections();
    });
  }
}

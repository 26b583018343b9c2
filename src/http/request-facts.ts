/**
 * @module http/request-facts
 * What the domain is told about an HTTP request: id, time, client address, transport, user agent, region.
 */

import type { IncomingMessage } from 'node:http';
import type { RequestFacts } from '../core/authz/index.js';

/** Strips the IPv4-mapped IPv6 prefix node reports for IPv4 clients on dual-stack sockets. */
const clientAddress = (address: string | undefined): string | undefined =>
  address?.startsWith('::ffff:') ? address.slice(7) : address;

/**
 * Builds the request facts.
 *
 * @example
 * requestFacts(req, requestId, clock.now(), auth?.region ?? config.region);
 */
export function requestFacts(req: IncomingMessage, requestId: string, time: Date, region: string): RequestFacts {
  return {
    requestId,
    time,
    sourceIp: clientAddress(req.socket.remoteAddress),
    secureTransport: 'encrypted' in req.socket && req.socket.encrypted === true,
    userAgent: req.headers['user-agent'],
    region,
    encodeAuthorizationMessage: req.headers['x-iamd-encode-authorization-message'] === 'true',
  };
}

/**
 * A CloudTrail client for tests, signing with iamd's own SigV4 signer (`@aws-sdk/client-cloudtrail` is not a
 * dependency): awsJson1_1 over a real socket, as the SDKs send it.
 */

import { createHash } from 'node:crypto';
import { signHeaders } from '../../src/sigv4/index.js';
import type { Credentials } from './aws-clients.js';

const TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';

/** Sends `operation` with `input` and returns the status and the parsed JSON body. */
export async function cloudTrail(
  endpoint: string,
  credentials: Credentials,
  operation: string,
  input: object,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(endpoint);
  const payload = JSON.stringify(input);
  const headers = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `${TARGET}.${operation}`,
  };
  const signed = signHeaders({
    method: 'POST',
    path: '/',
    headers,
    payloadHash: createHash('sha256').update(payload).digest('hex'),
    region: 'us-east-1',
    service: 'cloudtrail',
    credentials,
    now: new Date(),
    normalizePath: true,
  });
  const response = await fetch(new URL('/', endpoint), {
    method: 'POST',
    headers: { ...headers, ...signed },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

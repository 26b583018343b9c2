/**
 * @module cli/instance/iamd-client
 * Signed calls from the CLI to a running iamd: its JSON endpoints under `/_iamd/` and the Query APIs (IAM, STS),
 * signed with SigV4 like any AWS client so the server authenticates and authorizes them as the caller.
 */

import { signHeaders, sha256Hex, type SigningCredentials } from '../../sigv4/index.js';

/** Where and as whom the CLI calls iamd. */
export interface IamdTarget {
  /** `AWS_ENDPOINT_URL`, default `http://127.0.0.1:4599`. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: SigningCredentials;
}

/** A failed call: the AWS error code and message the server sent. */
export class IamdCallError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'IamdCallError';
    this.code = code;
    this.status = status;
  }
}

async function signedFetch(
  target: IamdTarget,
  method: string,
  path: string,
  service: string,
  body: string,
  contentType: string,
): Promise<Response> {
  const url = new URL(path, target.endpoint);
  const headers: Record<string, string> = { host: url.host };
  if (body !== '') headers['content-type'] = contentType;
  const signed = signHeaders({
    method,
    path: url.pathname,
    headers,
    payloadHash: sha256Hex(body),
    region: target.region,
    service,
    credentials: target.credentials,
    now: new Date(),
    normalizePath: true,
  });
  const { host: _host, ...sent } = headers;
  return fetch(url, { method, headers: { ...sent, ...signed }, ...(body === '' ? {} : { body }) });
}

/**
 * Calls a JSON endpoint; resolves to the parsed document or rejects with {@link IamdCallError}.
 *
 * @example
 * await callJson(target, 'POST', '/_iamd/instances', { IamInstanceProfile: { Name: 'web' } });
 */
export async function callJson(
  target: IamdTarget,
  method: string,
  path: string,
  body?: unknown,
  service = 'ec2',
): Promise<Record<string, unknown>> {
  const response = await signedFetch(
    target,
    method,
    path,
    service,
    body === undefined ? '' : JSON.stringify(body),
    'application/json',
  );
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    throw new IamdCallError(
      'InvalidResponse',
      `iamd answered ${response.status} with a body that is not JSON`,
      response.status,
    );
  }
  if (!response.ok) {
    throw new IamdCallError(String(parsed['Code'] ?? 'Error'), String(parsed['Message'] ?? text), response.status);
  }
  return parsed;
}

/**
 * Calls a Query API action (IAM, STS); resolves to the XML text or rejects with {@link IamdCallError}.
 *
 * @example
 * await callQuery(target, 'iam', { Action: 'GetInstanceProfile', Version: '2010-05-08', InstanceProfileName: 'web' });
 */
export async function callQuery(target: IamdTarget, service: string, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams(params).toString();
  const response = await signedFetch(
    target,
    'POST',
    '/',
    service,
    body,
    'application/x-www-form-urlencoded; charset=utf-8',
  );
  const text = await response.text();
  if (!response.ok) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? 'Error';
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text;
    throw new IamdCallError(code, unescapeXml(message), response.status);
  }
  return text;
}

/** Reverses XML text escaping (the five entities). */
export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#xD;/g, '\r')
    .replace(/&#xA;/g, '\n')
    .replace(/&amp;/g, '&');
}

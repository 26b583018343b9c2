/**
 * @module cli/instance/probe-credentials
 * Fetches credentials from a metadata endpoint the way the SDKs do (token, role name, credentials; WIRE.md §4.1)
 * before the workload starts, so a role EC2 cannot assume is reported at once with the server's explanation instead
 * of as a credentials error deep inside the workload.
 */

/** What the probe found. */
export type ProbeResult =
  | { readonly ok: true; readonly roleName: string; readonly expiration: string }
  | { readonly ok: false; readonly message: string };

/**
 * Probes `endpoint` (`http://127.0.0.1:<port>`).
 *
 * @example
 * await probeInstanceCredentials('http://127.0.0.1:4600'); // { ok: true, roleName: 'app', expiration: '…' }
 */
export async function probeInstanceCredentials(endpoint: string): Promise<ProbeResult> {
  const tokenResponse = await fetch(`${endpoint}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
  });
  if (!tokenResponse.ok)
    return { ok: false, message: `the metadata endpoint refused a token (${tokenResponse.status})` };
  const headers = { 'x-aws-ec2-metadata-token': await tokenResponse.text() };
  const base = `${endpoint}/latest/meta-data/iam/security-credentials/`;
  const listing = await fetch(base, { headers });
  if (listing.status === 404) return { ok: false, message: 'the instance profile holds no role' };
  const roleName = (await listing.text()).split('\n')[0] ?? '';
  const document = (await (await fetch(`${base}${roleName}`, { headers })).json()) as Record<string, string>;
  if (document['Code'] !== 'Success') {
    return { ok: false, message: `${document['Code'] ?? 'Error'}: ${document['Message'] ?? 'no credentials'}` };
  }
  return { ok: true, roleName, expiration: document['Expiration'] ?? '' };
}

/**
 * Points the internal STS client of Debian's AWS CLI 2.9 and boto3 1.26 at iamd. Both predate `AWS_ENDPOINT_URL`
 * and the `endpoint_url` profile setting, and their assume-role credential providers build their own STS client,
 * which `--endpoint-url` / `endpoint_url=` do not reach. botocore looks for service data in the directories of
 * `AWS_DATA_PATH` before its own (botocore `Loader`, "data_path"), so an endpoint rule set there that always
 * answers iamd's URL sends those internal calls to iamd. This changes only where requests go, not what the
 * clients sign or how they parse answers.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `<dir>/<service>/<apiVersion>/endpoint-rule-set-1.json` resolving every request to `endpoint`; returns
 * the value for `AWS_DATA_PATH`.
 *
 * @example
 * const dataPath = writeEndpointOverride(dir, 'sts', '2011-06-15', t.endpoint);
 */
export function writeEndpointOverride(dir: string, service: string, apiVersion: string, endpoint: string): string {
  const root = join(dir, 'botocore-data');
  const folder = join(root, service, apiVersion);
  mkdirSync(folder, { recursive: true });
  const ruleSet = {
    version: '1.0',
    parameters: {
      Region: { builtIn: 'AWS::Region', required: false, documentation: 'The region of the client.', type: 'String' },
    },
    rules: [{ conditions: [], endpoint: { url: endpoint, properties: {}, headers: {} }, type: 'endpoint' }],
  };
  writeFileSync(join(folder, 'endpoint-rule-set-1.json'), JSON.stringify(ruleSet));
  return root;
}

/**
 * @module cli/instance/profile-for-role
 * `iamd instance run --role-arn ARN`: EC2 launches with an instance profile, not a role, so the CLI makes sure a
 * profile holding that role exists (the IAM calls Terraform's `aws_iam_instance_profile` makes: GetInstanceProfile,
 * then CreateInstanceProfile and AddRoleToInstanceProfile), signed as the caller.
 */

import { parseArn } from '../../arn/index.js';
import { callQuery, IamdCallError, type IamdTarget, unescapeXml } from './iamd-client.js';

const IAM_VERSION = '2010-05-08';

/**
 * The name of a profile that holds `roleArn`, created if needed as `name` (default `iamd-run-<role name>`).
 *
 * @example
 * await profileForRole(target, 'arn:aws:iam::000000000000:role/app'); // 'iamd-run-app'
 */
export async function profileForRole(target: IamdTarget, roleArn: string, name?: string): Promise<string> {
  const arn = parseArn(roleArn);
  if (arn?.service !== 'iam' || !arn.resource.startsWith('role/')) throw new Error(`not a role ARN: ${roleArn}`);
  const roleName = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
  const profileName = name ?? `iamd-run-${roleName}`.slice(0, 128);
  let xml: string | undefined;
  try {
    xml = await callQuery(target, 'iam', {
      Action: 'GetInstanceProfile',
      Version: IAM_VERSION,
      InstanceProfileName: profileName,
    });
  } catch (error) {
    if (!(error instanceof IamdCallError) || error.code !== 'NoSuchEntity') throw error;
  }
  if (xml === undefined) {
    await callQuery(target, 'iam', {
      Action: 'CreateInstanceProfile',
      Version: IAM_VERSION,
      InstanceProfileName: profileName,
    });
  } else {
    const held = [...xml.matchAll(/<Arn>([^<]*:role\/[^<]*)<\/Arn>/g)].map((match) => unescapeXml(match[1] ?? ''));
    if (held.includes(roleArn)) return profileName;
    if (held.length > 0) {
      throw new Error(`instance profile ${profileName} already holds ${held.join(', ')}, not ${roleArn}`);
    }
  }
  await callQuery(target, 'iam', {
    Action: 'AddRoleToInstanceProfile',
    Version: IAM_VERSION,
    InstanceProfileName: profileName,
    RoleName: roleName,
  });
  return profileName;
}

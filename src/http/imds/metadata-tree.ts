/**
 * @module http/imds/metadata-tree
 * The instance metadata categories iamd serves (EC2 User Guide, "Instance metadata categories"), as a function of
 * the instance record: directory listings end their sub-directories with `/`, leaves are text, and documents are
 * the JSON EC2 prints (two-space indented). The `iam/` tree is handled by ./iam-documents.ts.
 */

import type { InstanceRecord } from '../../core/entities.js';

const hostname = (instance: InstanceRecord) => `ip-${instance.privateIpAddress.replace(/\./g, '-')}.ec2.internal`;

/** Leaves of `/latest/meta-data/` other than `iam/`. */
function leaves(instance: InstanceRecord): Record<string, string> {
  return {
    'ami-id': instance.imageId,
    'ami-launch-index': '0',
    hostname: hostname(instance),
    'instance-id': instance.instanceId,
    'instance-type': instance.instanceType,
    'local-hostname': hostname(instance),
    'local-ipv4': instance.privateIpAddress,
    'placement/availability-zone': `${instance.region}a`,
    'placement/region': instance.region,
    'reservation-id': instance.reservationId,
  };
}

/** The instance identity document (`/latest/dynamic/instance-identity/document`). */
export function identityDocument(instance: InstanceRecord): string {
  return JSON.stringify(
    {
      accountId: instance.accountId,
      architecture: 'x86_64',
      availabilityZone: `${instance.region}a`,
      billingProducts: null,
      devpayProductCodes: null,
      marketplaceProductCodes: null,
      imageId: instance.imageId,
      instanceId: instance.instanceId,
      instanceType: instance.instanceType,
      kernelId: null,
      pendingTime: instance.launchTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      privateIp: instance.privateIpAddress,
      ramdiskId: null,
      region: instance.region,
      version: '2017-09-30',
    },
    null,
    2,
  );
}

/**
 * The text at `path` (below `/latest/`), or `undefined` for 404. `hasIam` adds `iam/` to the listing.
 *
 * @example
 * metadataText(instance, 'meta-data/placement/region', false); // 'us-east-1'
 */
export function metadataText(instance: InstanceRecord, path: string, hasIam: boolean): string | undefined {
  if (path === '' || path === '/') return 'dynamic\nmeta-data';
  if (path === 'dynamic' || path === 'dynamic/') return 'instance-identity/';
  if (path === 'dynamic/instance-identity' || path === 'dynamic/instance-identity/') return 'document';
  if (path === 'dynamic/instance-identity/document') return identityDocument(instance);
  if (!path.startsWith('meta-data')) return undefined;
  const below = path.slice('meta-data'.length).replace(/^\//, '');
  const all = leaves(instance);
  const leaf = all[below];
  if (leaf !== undefined) return leaf;
  const dir = below === '' || below.endsWith('/') ? below : `${below}/`;
  const names = new Set<string>();
  for (const key of Object.keys(all)) {
    if (!key.startsWith(dir)) continue;
    const rest = key.slice(dir.length);
    const slash = rest.indexOf('/');
    names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
  }
  if (dir === '' && hasIam) names.add('iam/');
  return names.size === 0 ? undefined : [...names].sort().join('\n');
}

/**
 * @module core/ec2/security-group-rules
 * Security group rules as EC2 takes and shows them. Requests name rules either as `IpPermissions` or with the older
 * top-level `IpProtocol`/`FromPort`/`ToPort`/`CidrIp`; iamd keeps one record per (protocol, ports, source), and
 * regroups them by (protocol, ports) when describing, as EC2 does. Rule ids (`sgr-…`) are derived from the rule
 * itself, so they are stable without being stored.
 */

import { createHash } from 'node:crypto';
import type { IpPermissionRecord } from '../entities.js';

/** A rule as requests carry it (EC2 model `IpPermission`). */
export interface IpPermissionInput {
  readonly IpProtocol?: string | undefined;
  readonly FromPort?: number | undefined;
  readonly ToPort?: number | undefined;
  readonly IpRanges?: readonly { CidrIp?: string | undefined; Description?: string | undefined }[] | undefined;
  readonly Ipv6Ranges?: readonly { CidrIpv6?: string | undefined; Description?: string | undefined }[] | undefined;
  readonly UserIdGroupPairs?:
    | readonly { GroupId?: string | undefined; UserId?: string | undefined; Description?: string | undefined }[]
    | undefined;
}

/** The rule-bearing members of Authorize/Revoke requests. */
export interface RuleRequest {
  readonly IpPermissions?: readonly IpPermissionInput[] | undefined;
  readonly IpProtocol?: string | undefined;
  readonly FromPort?: number | undefined;
  readonly ToPort?: number | undefined;
  readonly CidrIp?: string | undefined;
}

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };

function base(protocolText: string | undefined, from: number | undefined, to: number | undefined) {
  const lowered = (protocolText ?? '-1').toLowerCase();
  const protocol = PROTOCOLS[lowered] ?? lowered;
  return protocol === '-1'
    ? { IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], UserIdGroupPairs: [] }
    : { IpProtocol: protocol, FromPort: from, ToPort: to, IpRanges: [], Ipv6Ranges: [], UserIdGroupPairs: [] };
}

/**
 * Splits a request's rules into one record per source.
 *
 * @example
 * atomicRules({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' }).length; // 1
 */
export function atomicRules(request: RuleRequest): IpPermissionRecord[] {
  const permissions: IpPermissionInput[] = [...(request.IpPermissions ?? [])];
  if (request.CidrIp !== undefined || request.IpProtocol !== undefined) {
    permissions.push({
      IpProtocol: request.IpProtocol,
      FromPort: request.FromPort,
      ToPort: request.ToPort,
      IpRanges: request.CidrIp === undefined ? [] : [{ CidrIp: request.CidrIp }],
    });
  }
  const rules: IpPermissionRecord[] = [];
  for (const permission of permissions) {
    const common = base(permission.IpProtocol, permission.FromPort, permission.ToPort);
    for (const range of permission.IpRanges ?? []) {
      if (range.CidrIp) rules.push({ ...common, IpRanges: [{ CidrIp: range.CidrIp, Description: range.Description }] });
    }
    for (const range of permission.Ipv6Ranges ?? []) {
      if (range.CidrIpv6) {
        rules.push({ ...common, Ipv6Ranges: [{ CidrIpv6: range.CidrIpv6, Description: range.Description }] });
      }
    }
    for (const pair of permission.UserIdGroupPairs ?? []) {
      if (pair.GroupId) {
        rules.push({
          ...common,
          UserIdGroupPairs: [{ GroupId: pair.GroupId, UserId: pair.UserId, Description: pair.Description }],
        });
      }
    }
  }
  return rules;
}

/** The identity of a rule, descriptions aside (EC2 treats a rule differing only in description as the same). */
export function ruleKey(rule: IpPermissionRecord): string {
  return JSON.stringify([
    rule.IpProtocol,
    rule.FromPort ?? null,
    rule.ToPort ?? null,
    rule.IpRanges.map((r) => r.CidrIp),
    rule.Ipv6Ranges.map((r) => r.CidrIpv6),
    rule.UserIdGroupPairs.map((p) => p.GroupId),
  ]);
}

/** The stable `sgr-` id of a rule in a group and direction. */
export function ruleId(groupId: string, egress: boolean, rule: IpPermissionRecord): string {
  const hash = createHash('sha256')
    .update(`${groupId}/${egress}/${ruleKey(rule)}`)
    .digest('hex');
  return `sgr-${hash.slice(0, 17)}`;
}

/** Regroups atomic rules by (protocol, ports) for DescribeSecurityGroups. */
export function groupRules(rules: readonly IpPermissionRecord[]): IpPermissionRecord[] {
  const grouped = new Map<string, IpPermissionRecord>();
  for (const rule of rules) {
    const key = JSON.stringify([rule.IpProtocol, rule.FromPort ?? null, rule.ToPort ?? null]);
    const current = grouped.get(key);
    grouped.set(
      key,
      current
        ? {
            ...current,
            IpRanges: [...current.IpRanges, ...rule.IpRanges],
            Ipv6Ranges: [...current.Ipv6Ranges, ...rule.Ipv6Ranges],
            UserIdGroupPairs: [...current.UserIdGroupPairs, ...rule.UserIdGroupPairs],
          }
        : rule,
    );
  }
  return [...grouped.values()];
}

/** The default egress rule of a new group: all traffic to anywhere (VPC User Guide, "Security group rules"). */
export const ALLOW_ALL_EGRESS: IpPermissionRecord = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [],
  UserIdGroupPairs: [],
};

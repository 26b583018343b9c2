import { describe, expect, it } from 'vitest';
import { ChangeTracker } from '../authz/change-tracker.js';
import type { RoleRecord } from '../entities.js';
import type { IamStore } from '../ports.js';
import { withReadCache } from './read-cache.js';

const role = (description: string) => ({ roleName: 'app', description }) as unknown as RoleRecord;

function fakeStore() {
  let stored = role('v1');
  let reads = 0;
  const store = {
    getRole: async () => {
      reads += 1;
      return stored;
    },
    updateRole: async (value: RoleRecord) => {
      stored = value;
    },
  } as unknown as IamStore;
  return { store, reads: () => reads, write: (value: RoleRecord) => (stored = value) };
}

describe('withReadCache', () => {
  it('serves repeated reads from memory until the next IAM change', async () => {
    const tracker = new ChangeTracker();
    const clock = { now: () => new Date(0) };
    const fake = fakeStore();
    const cached = withReadCache(fake.store, tracker, clock);
    expect((await cached.getRole('1', 'App'))?.description).toBe('v1');
    expect((await cached.getRole('1', 'app'))?.description).toBe('v1');
    expect(fake.reads()).toBe(1);
    fake.write(role('v2'));
    tracker.bump();
    expect((await cached.getRole('1', 'app'))?.description).toBe('v2');
    expect(fake.reads()).toBe(2);
  });

  it('reads again after the time limit, for writes made by other processes', async () => {
    const tracker = new ChangeTracker();
    let now = 0;
    const fake = fakeStore();
    const cached = withReadCache(fake.store, tracker, { now: () => new Date(now) }, 1000);
    await cached.getRole('1', 'app');
    fake.write(role('outside'));
    now = 999;
    expect((await cached.getRole('1', 'app'))?.description).toBe('v1');
    now = 1000;
    expect((await cached.getRole('1', 'app'))?.description).toBe('outside');
  });

  it('lets a use case read its own write before the change is announced', async () => {
    const tracker = new ChangeTracker();
    const fake = fakeStore();
    const cached = withReadCache(fake.store, tracker, { now: () => new Date(0) });
    await cached.getRole('1', 'app');
    await cached.updateRole(role('mine'));
    expect((await cached.getRole('1', 'app'))?.description).toBe('mine');
  });

  it('does not keep a read that raced with a write', async () => {
    const tracker = new ChangeTracker();
    const fake = fakeStore();
    const cached = withReadCache(fake.store, tracker, { now: () => new Date(0) });
    const racing = cached.getRole('1', 'app');
    fake.write(role('v2'));
    tracker.bump();
    expect((await racing)?.description).toBe('v1');
    expect((await cached.getRole('1', 'app'))?.description).toBe('v2');
  });
});

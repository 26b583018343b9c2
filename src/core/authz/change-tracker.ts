/**
 * @module core/authz/change-tracker
 * A generation number that every IAM write made through this process bumps. Authorization caches compare it to
 * know they are stale without asking the database (ARCHITECTURE.md §4). Multi-node deployments will bump it from
 * the store's change feed as well.
 */

/** Counts IAM changes seen by this process. One per app instance; never a module-level singleton. */
export class ChangeTracker {
  #generation = 0;

  /** The current generation. */
  get generation(): number {
    return this.#generation;
  }

  /** Marks every cached authorization input as stale. */
  bump(): void {
    this.#generation += 1;
  }
}

/**
 * @module core/iam/deps
 * What the IAM domain needs, injected by app.ts.
 */

import type { ChangeTracker } from '../authz/change-tracker.js';
import type { Clock, IamStore, Random } from '../ports.js';

/** Dependencies of the IAM use cases. */
export interface IamDeps {
  readonly store: IamStore;
  readonly clock: Clock;
  readonly random: Random;
  /** Bumped after every write so authorization caches reload. */
  readonly tracker: ChangeTracker;
}

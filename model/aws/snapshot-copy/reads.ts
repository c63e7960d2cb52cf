/**
 * Reads of the snapshotCopy slice for properties, and of its source and Regions for its own
 * enabling code and reducer. Re-exported by `index.ts` (import from there).
 */
import type { World } from '../../compose/component.js';
import { rootOf } from '../../compose/instances.js';
import type { EbsState } from '../ebs/index.js';
import { regionUpByName } from '../region/index.js';
import type { SnapshotCopyConfig } from './options.js';
import { SNAPSHOT_COPY, type SnapshotCopyState } from './state.js';

/** The snapshotCopy slice of `world`. */
export function snapshotCopySlice(world: World): SnapshotCopyState {
  return world[SNAPSHOT_COPY] as SnapshotCopyState;
}
/** The runbook's restore is done: the application can serve from the restored volume. */
export function restoreComplete(s: SnapshotCopyState): boolean {
  return s.restore >= 0 && s.restoreLeft === 0;
}
/** The writes the restored volume holds (those of the copy it was made from); -1 before any restore. */
export function restoredWrites(s: SnapshotCopyState): number {
  return s.restore;
}
/**
 * The recovery point a failover of the source's Region would reach now (seconds of the
 * composition's clock, ages stopped at the failure): how old the oldest acknowledged write
 * that no completed copy outside that Region holds is; 0 when there is none. `Infinity` once a
 * write has waited longer than the schedule and a copy explain (the schedule stalled, or the
 * copies stay in the source's Region: no bound).
 */
export function copyRecoveryPointSeconds(s: SnapshotCopyState): number {
  let worst = 0;
  for (let i = 0; i < s.ages.length; i++) if (s.ages[i] > worst) worst = s.ages[i];
  return worst >= s.maxAge ? Infinity : worst * s.tickSeconds;
}

/** The source's slice, read from the composition's whole world; a one-line error when `source` names no ebs, or its writes exceed `writes`. */
export function sourceOf(c: SnapshotCopyConfig, world: World): EbsState {
  const s = rootOf(world)[c.source] as EbsState | undefined;
  if (s === undefined || !Array.isArray(s.volumes) || typeof s.acked !== 'number') throw new Error(`snapshotCopy: source ${JSON.stringify(c.source)} is not an ebs instance of this composition`);
  if (c.volume >= s.volumes.length) throw new Error(`snapshotCopy: volume ${c.volume} is not a volume slot of ${c.source} (it has ${s.volumes.length})`);
  if (s.acked > c.writes) throw new Error(`snapshotCopy: writes is ${c.writes}, but its source ${c.source} acknowledged ${s.acked}; give both the same writes (ebs maxWrites)`);
  return s;
}
/** The source's Region is up (always, without `sourceRegion`). */
export function sourceRegionUp(c: SnapshotCopyConfig, world: World): boolean {
  return c.sourceRegion === undefined || regionUpByName(rootOf(world), c.sourceRegion);
}
/** The Region the copies land in is up (always, without `targetRegion`). */
export function targetRegionUp(c: SnapshotCopyConfig, world: World): boolean {
  return c.targetRegion === undefined || regionUpByName(rootOf(world), c.targetRegion);
}
/** The source volume exists (not deleted, not failed): the schedule can snapshot it. */
export function sourceVolumeExists(c: SnapshotCopyConfig, src: EbsState): boolean {
  const state = src.volumes[c.volume].state;
  return state === 'available' || state === 'attached';
}

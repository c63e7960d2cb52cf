/**
 * What snapshotCopy enables in a world (the schedule's snapshot and copy when due, the
 * runbook's restore while the source's Region is down), and whether time must run for it.
 */
import type { World } from '../../compose/component.js';
import type { SnapshotCopyAction } from './actions.js';
import type { SnapshotCopyConfig } from './options.js';
import { sourceOf, sourceRegionUp, sourceVolumeExists, targetRegionUp } from './reads.js';
import { SNAPSHOT_COPY, type SnapshotCopyState } from './state.js';

/** Pushes every action snapshotCopy enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function snapshotCopyActions(c: SnapshotCopyConfig, world: World, out: SnapshotCopyAction[]): void {
  const s = world[SNAPSHOT_COPY] as SnapshotCopyState;
  const srcUp = sourceRegionUp(c, world);
  if (s.timer === 0 && s.inFlight < 0 && srcUp && targetRegionUp(c, world) && sourceVolumeExists(c, sourceOf(c, world))) out.push(c.A.start);
  // Region-bound: only a restore Region holding the copies restores (`canRestore`), and only while it is up.
  if (c.canRestore && s.restore < 0 && !srcUp && targetRegionUp(c, world)) out.push(c.A.restore);
}

/** The schedule runs, a copy or a restore is under way, or a write waits for a copy: time must run. */
export function snapshotCopyTicking(c: SnapshotCopyConfig, s: SnapshotCopyState, world: World): boolean {
  // A copy under way: the next Tick completes it, or abandons it when a Region it needs is down.
  if ((s.restore >= 0 && s.restoreLeft > 0) || s.inFlight >= 0) return true;
  if (!sourceRegionUp(c, world)) return false;
  if (s.timer > 0) return true;
  // A write no surviving copy holds ages until the cap.
  const acked = sourceOf(c, world).acked;
  for (let i = c.crossRegion ? s.copied : 0; i < acked; i++) if (s.ages[i] < c.maxAge) return true;
  return false;
}

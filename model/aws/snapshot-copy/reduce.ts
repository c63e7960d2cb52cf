/**
 * The snapshotCopy reducer: the schedule's snapshot and copy, the runbook's restore, and
 * `Tick`, which moves the restore on, completes (or abandons) the copy under way, ages the
 * writes no surviving copy holds, then counts down to the next snapshot.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { SnapshotCopySubscribed } from './actions.js';
import type { SnapshotCopyConfig } from './options.js';
import { sourceOf, sourceRegionUp, targetRegionUp } from './reads.js';
import { snapshotCopyState, type SnapshotCopyState } from './state.js';

/** The slice after `a`; `world` is the world before it (the source volume, its Regions). */
export function reduceSnapshotCopy(c: SnapshotCopyConfig, s: SnapshotCopyState, a: SnapshotCopySubscribed, world: World): SnapshotCopyState {
  switch (a.type) {
    case 'SnapshotCopyStart':
      // Point in time: the snapshot holds what the volume holds now; the copy completes copyTicks later.
      return snapshotCopyState(c.intervalTicks, sourceOf(c, world).volumes[c.volume].version, c.copyTicks, s.copied, s.ages, s.restore, s.restoreLeft, s.tickSeconds, s.maxAge);
    case 'RestoreFromSnapshotCopy':
      return snapshotCopyState(s.timer, s.inFlight, s.copyLeft, s.copied, s.ages, s.copied, c.restoreTicks, s.tickSeconds, s.maxAge);
    case 'Tick':
      return tick(c, s, world);
    default:
      return assertNever(a);
  }
}

function tick(c: SnapshotCopyConfig, s: SnapshotCopyState, world: World): SnapshotCopyState {
  const targetUp = targetRegionUp(c, world);
  const restoreLeft = s.restore >= 0 && s.restoreLeft > 0 && targetUp ? s.restoreLeft - 1 : s.restoreLeft;
  let inFlight = s.inFlight;
  let copyLeft = s.copyLeft;
  let copied = s.copied;
  let timer = s.timer;
  let ages = s.ages;
  if (!sourceRegionUp(c, world) || !targetUp) {
    // A copy reads the source Region's snapshot and writes the target's: with either down it does not complete.
    inFlight = -1;
    copyLeft = 0;
  }
  if (sourceRegionUp(c, world)) {
    if (inFlight >= 0 && --copyLeft === 0) {
      copied = Math.max(copied, inFlight);
      inFlight = -1;
    }
    // Ages measure time to the source's failure: they stop while its Region is down.
    const acked = sourceOf(c, world).acked;
    const safe = c.crossRegion ? copied : 0;
    let next: number[] | undefined;
    for (let i = 0; i < c.writes; i++) {
      const age = i < safe || i >= acked ? 0 : Math.min(c.maxAge, s.ages[i] + 1);
      if (age !== s.ages[i]) (next ??= s.ages.slice())[i] = age;
    }
    if (next !== undefined) ages = next;
    if (timer > 0) timer--;
  }
  if (restoreLeft === s.restoreLeft && inFlight === s.inFlight && copyLeft === s.copyLeft && copied === s.copied && timer === s.timer && ages === s.ages) return s;
  return snapshotCopyState(timer, inFlight, copyLeft, copied, ages, s.restore, restoreLeft, s.tickSeconds, s.maxAge);
}

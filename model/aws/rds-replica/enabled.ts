/**
 * What rdsReplica enables in a world (the next apply while replication flows, then the
 * runbook's promotion while the source takes no writes), and whether time must run for it.
 */
import type { World } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import type { RdsReplicaAction, RdsReplicaSubscribed } from './actions.js';
import type { RdsReplicaConfig } from './options.js';
import { sourceAcked, sourceFlowing, sourceOf, sourceWritable } from './reads.js';
import { RDS_REPLICA, type RdsReplicaState } from './state.js';

/** Pushes every action rdsReplica enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function rdsReplicaActions(c: RdsReplicaConfig, world: World, out: RdsReplicaAction[]): void {
  const s = world[RDS_REPLICA] as RdsReplicaState;
  if (s.promoted || !regionUp(world)) return;
  const src = sourceOf(c, world);
  if (s.applied < sourceAcked(src) && sourceFlowing(c, src, world)) out.push(c.A.apply);
  if (c.canPromote && !sourceWritable(c, src, world)) out.push(c.A.promote);
}

/** Writes wait to be applied while replication flows: their ages count, so time must run. */
export function rdsReplicaTicking(c: RdsReplicaConfig, s: RdsReplicaState, world: World): boolean {
  if (s.promoted) return false;
  const src = sourceOf(c, world);
  return s.applied < sourceAcked(src) && sourceFlowing(c, src, world);
}

/**
 * The apply may wait while time passes (the composition's `mayDefer`): replication lag is a
 * range, 0..lagTicks. Until the oldest waiting write has aged the whole bound; then it is due
 * (prompt control takes it before the next `Tick`; without prompt control, that `Tick`
 * applies it first, reduce.ts).
 */
export function rdsReplicaMayDefer(c: RdsReplicaConfig, s: RdsReplicaState, a: RdsReplicaSubscribed): boolean {
  return a.type === 'CrossRegionReplicaApply' && s.ages[s.applied] < c.lagTicks;
}

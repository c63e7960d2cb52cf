/**
 * What s3Replica enables in a world (per key, the replication of its next good write while
 * replication flows), and whether time must run for it.
 */
import type { World } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import type { S3ReplicaAction, S3ReplicaSubscribed } from './actions.js';
import type { S3ReplicaConfig } from './options.js';
import { sourceFlowing, sourceOf } from './reads.js';
import { S3_REPLICA, type S3ReplicaState } from './state.js';

/** Pushes every action s3Replica enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function s3ReplicaActions(c: S3ReplicaConfig, world: World, out: S3ReplicaAction[]): void {
  const s = world[S3_REPLICA] as S3ReplicaState;
  const src = sourceOf(c, world);
  // The destination bucket's Region (its view's) must be up to receive, the source's to send.
  if (!regionUp(world) || !sourceFlowing(c, world)) return;
  for (let k = 0; k < c.keys; k++) if (s.replicated[k] < src.objects[k].writes) out.push(c.A.replicate[k]);
}

/** Some write waits while replication flows: its age counts, so time must run. */
export function s3ReplicaTicking(c: S3ReplicaConfig, s: S3ReplicaState, world: World): boolean {
  const src = sourceOf(c, world);
  if (!sourceFlowing(c, world)) return false;
  for (let k = 0; k < c.keys; k++) if (s.replicated[k] < src.objects[k].writes) return true;
  return false;
}

/**
 * A replication may wait while time passes (the composition's `mayDefer`): with Replication
 * Time Control until key `k`'s oldest waiting write has aged the 15 minutes (then it is due:
 * prompt control takes it before the next `Tick`, and without prompt control that `Tick`
 * replicates it first, reduce.ts); without RTC always (AWS gives no bound).
 */
export function s3ReplicaMayDefer(c: S3ReplicaConfig, s: S3ReplicaState, a: S3ReplicaSubscribed): boolean {
  if (a.type !== 'S3ReplicateObject') return false;
  return !c.rtc || s.ages[a.key][s.replicated[a.key]] < c.boundTicks;
}

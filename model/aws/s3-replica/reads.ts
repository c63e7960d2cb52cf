/**
 * Reads of the s3Replica slice for properties, and of its source for its own enabling code
 * and reducer. Re-exported by `index.ts` (import from there).
 */
import { ticksFor, type World } from '../../compose/component.js';
import { rootOf } from '../../compose/instances.js';
import { regionUpByName } from '../region/index.js';
import type { S3State } from '../s3/index.js';
import { RTC_SECONDS, type S3ReplicaConfig } from './options.js';
import { S3_REPLICA, type S3ReplicaState } from './state.js';

/** The s3Replica slice of `world`. */
export function s3ReplicaSlice(world: World): S3ReplicaState {
  return world[S3_REPLICA] as S3ReplicaState;
}
/**
 * How old (seconds of the composition's clock; ages stop while the source's Region is down)
 * the oldest good write the destination bucket lacks is: what a Region failover would lose
 * now. 0 when it lacks none; `Infinity` past the 15-minute bound (without Replication Time
 * Control the lag has no bound).
 */
export function objectRecoveryPointSeconds(s: S3ReplicaState): number {
  let worst = 0;
  for (let k = 0; k < s.replicated.length; k++) {
    const r = s.replicated[k];
    if (r < s.ages[k].length && s.ages[k][r] > worst) worst = s.ages[k][r];
  }
  return worst > Math.max(1, ticksFor(RTC_SECONDS, s.tickSeconds)) ? Infinity : worst * s.tickSeconds;
}

/** The source bucket's slice; a one-line error when `source` names no s3, or its shape differs. */
export function sourceOf(c: S3ReplicaConfig, world: World): S3State {
  const s = rootOf(world)[c.source] as S3State | undefined;
  if (s === undefined || !Array.isArray(s.objects)) throw new Error(`s3Replica: source ${JSON.stringify(c.source)} is not an s3 instance of this composition`);
  if (s.objects.length !== c.keys) throw new Error(`s3Replica: keys is ${c.keys}, but its source ${c.source} has ${s.objects.length}; give both the same keys`);
  for (let k = 0; k < c.keys; k++) {
    if (s.objects[k].writes > c.maxWrites) throw new Error(`s3Replica: its source ${c.source} wrote key ${k} more than maxWrites (${c.maxWrites}) times; give both the same maxWrites`);
  }
  return s;
}
/** Replication flows: the source's Region is up (always, without `sourceRegion`). */
export function sourceFlowing(c: S3ReplicaConfig, world: World): boolean {
  return c.sourceRegion === undefined || regionUpByName(rootOf(world), c.sourceRegion);
}

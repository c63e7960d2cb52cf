/**
 * Reads of the rdsReplica slice for properties, and of its source for its own enabling code
 * and reducer. Re-exported by `index.ts` (import from there).
 */
import type { World } from '../../compose/component.js';
import { rootOf } from '../../compose/instances.js';
import { ackedWrites, endpointNode, type RdsState } from '../rds/index.js';
import { regionUpByName } from '../region/index.js';
import type { RdsReplicaConfig } from './options.js';
import { RDS_REPLICA, type RdsReplicaState } from './state.js';

/** The rdsReplica slice of `world`. */
export function rdsReplicaSlice(world: World): RdsReplicaState {
  return world[RDS_REPLICA] as RdsReplicaState;
}
/** The replica was promoted: it is a standalone instance the application writes to. */
export function replicaPromoted(s: RdsReplicaState): boolean {
  return s.promoted;
}
/** Acknowledged writes the promotion left behind on the failed source. */
export function writesLostByPromotion(s: RdsReplicaState): number {
  return s.lost;
}
/**
 * The recovery point the promotion reached: how old (seconds of the composition's clock, at
 * the moment the source stopped) the oldest acknowledged write it lost was; 0 when it lost none.
 */
export function recoveryPointSeconds(s: RdsReplicaState): number {
  return s.lossAge * s.tickSeconds;
}

/** The source's slice, read from the composition's whole world; a one-line error when `source` names no rds. */
export function sourceOf(c: RdsReplicaConfig, world: World): RdsState {
  const s = rootOf(world)[c.source] as RdsState | undefined;
  if (s === undefined || !Array.isArray(s.writes)) throw new Error(`rdsReplica: source ${JSON.stringify(c.source)} is not an rds instance of this composition`);
  if (s.writes.length !== c.N) throw new Error(`rdsReplica: writes is ${c.N}, but its source ${c.source} has ${s.writes.length}; give both the same writes`);
  return s;
}
/** The source's Region is up (always, without `sourceRegion`). */
function sourceRegionUp(c: RdsReplicaConfig, world: World): boolean {
  return c.sourceRegion === undefined || regionUpByName(rootOf(world), c.sourceRegion);
}
/** Replication flows: the source's instance runs in an up Region. */
export function sourceFlowing(c: RdsReplicaConfig, src: RdsState, world: World): boolean {
  return endpointNode(src).state === 'up' && sourceRegionUp(c, world);
}
/** The source accepts writes (the runbook waits while it does). */
export function sourceWritable(c: RdsReplicaConfig, src: RdsState, world: World): boolean {
  return src.phase === 'available' && endpointNode(src).state === 'up' && sourceRegionUp(c, world);
}
/** The source's acknowledged writes (lost ones included: they were acknowledged). */
export function sourceAcked(src: RdsState): number {
  return ackedWrites(src);
}

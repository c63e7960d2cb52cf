/**
 * The rdsReplica reducer: an apply, the promotion, and `Tick`, which first applies what has
 * waited the whole lag bound (the bound is what the design promises), then ages the rest.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { RdsReplicaSubscribed } from './actions.js';
import type { RdsReplicaConfig } from './options.js';
import { sourceAcked, sourceFlowing, sourceOf } from './reads.js';
import { rdsReplicaState, type RdsReplicaState } from './state.js';

/** The slice after `a`; `world` is the world before it (the source, read for acknowledged writes). */
export function reduceRdsReplica(c: RdsReplicaConfig, s: RdsReplicaState, a: RdsReplicaSubscribed, world: World): RdsReplicaState {
  switch (a.type) {
    case 'CrossRegionReplicaApply':
      return applyNext(s, s.applied + 1, s.ages);
    case 'PromoteCrossRegionReplica':
      return promote(s, sourceAcked(sourceOf(c, world)));
    case 'Tick':
      return tick(c, s, world);
    default:
      return assertNever(a);
  }
}

/** `s` with the writes before `applied` applied (their ages 0). */
function applyNext(s: RdsReplicaState, applied: number, ages: readonly number[]): RdsReplicaState {
  const next = ages.slice();
  for (let i = s.applied; i < applied; i++) next[i] = 0;
  return rdsReplicaState(false, applied, next, 0, 0, s.tickSeconds);
}
/** Standalone now: the acknowledged writes not yet applied are lost, the oldest of them `ages[applied]` ticks old. */
function promote(s: RdsReplicaState, acked: number): RdsReplicaState {
  const lost = Math.max(0, acked - s.applied);
  return rdsReplicaState(true, s.applied, s.ages, lost, lost > 0 ? s.ages[s.applied] : 0, s.tickSeconds);
}
function tick(c: RdsReplicaConfig, s: RdsReplicaState, world: World): RdsReplicaState {
  if (s.promoted) return s;
  const src = sourceOf(c, world);
  // Ages measure time to the source's failure: they stop while it is down.
  if (!sourceFlowing(c, src, world)) return s;
  const acked = sourceAcked(src);
  if (s.applied >= acked) return s;
  const ages = s.ages.slice();
  let applied = s.applied;
  while (applied < acked && ages[applied] >= c.lagTicks) ages[applied++] = 0;
  for (let i = applied; i < acked; i++) if (ages[i] < c.lagTicks) ages[i]++;
  return rdsReplicaState(false, applied, ages, 0, 0, s.tickSeconds);
}

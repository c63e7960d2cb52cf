/**
 * What rds enables in a world (its `actions`, in a fixed order: the client's next write and
 * the instance failure while serving, RDS's own recoveries, the replica's apply, then the
 * runbook's steps while down), and whether time must run for it (`ticking`).
 */
import type { World } from '../../compose/component.js';
import { regionUp } from '../region/index.js';
import type { RdsAction } from './actions.js';
import { canRecover, canReplaceStandby, restoreAz } from './conditions.js';
import type { RdsConfig } from './options.js';
import { endpointNode } from './reads.js';
import { RDS, type RdsState } from './state.js';

/** Pushes every action rds enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function rdsActions(c: RdsConfig, world: World, out: RdsAction[]): void {
  const s = world[RDS] as RdsState;
  const A = c.A;
  const n = endpointNode(s);
  // A down Region (model/aws/region) takes no write and replicates nothing; without a region component it is up.
  const regionOk = regionUp(world);
  const serving = s.phase === 'available' && n.state === 'up' && regionOk;
  if (serving) {
    const next = s.writes.indexOf('unsent');
    if (next >= 0) out.push(A.write[next]);
    if (s.failures < c.maxFailures) out.push(A.failure);
  }
  if (s.phase === 'failingOver' && s.timer <= c.failMax - c.failMin) out.push(A.failoverComplete);
  if (canRecover(s, world)) out.push(A.recover);
  if (canReplaceStandby(c, s, world)) out.push(A.standbyReplace);
  if (regionOk && s.replica.state === 'up' && s.endpoint === 'primary' && s.primary.state === 'up' && s.replica.applied < s.primary.applied) out.push(A.replicaApply);
  if (s.phase === 'down') {
    if (c.canPromote && s.replica.state === 'up' && s.endpoint === 'primary') out.push(A.promote);
    if (c.canRestore && s.restored.state === 'none' && restoreAz(c, world) >= 0) out.push(c.backups ? A.pitr : A.snapshot);
  }
}

/** A countdown runs, logs are being shipped, or a flush is due: `Tick` is enabled. */
export function rdsTicking(c: RdsConfig, s: RdsState, world: World): boolean {
  return s.timer > 0 || (c.backups && s.phase === 'available') || (s.phase === 'failingOver' && s.timer === 0)
    || canRecover(s, world) || canReplaceStandby(c, s, world);
}

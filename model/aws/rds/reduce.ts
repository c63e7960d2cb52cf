/**
 * The rds reducer: each case fills in a fresh draft of the slice and returns it, or the old
 * slice when nothing changed (`AzOutage` of another zone, a `Tick` with nothing to do).
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { RdsSubscribed } from './actions.js';
import { canRecover, canReplaceStandby, restoreAz } from './conditions.js';
import type { RdsConfig } from './options.js';
import { endpointNode } from './reads.js';
import { rdsNode, rdsState, sameState, type Draft, type Endpoint, type Loss, type RdsNode, type RdsState } from './state.js';

/** The slice after `a`; `world` is the world before it (zones for recoveries and restores). */
export function reduceRds(c: RdsConfig, s: RdsState, a: RdsSubscribed, world: World): RdsState {
  switch (a.type) {
    case 'DbWrite':
      return write(s, a.write);
    case 'DbInstanceFailure':
      return instanceFails(c, s);
    case 'AzOutage':
      return zoneOutage(c, s, a.az);
    case 'DbFailoverComplete':
      return failoverComplete(s);
    case 'DbInstanceRecover':
      return instanceRecovers(s);
    case 'DbStandbyReplace':
      return standbyReplaced(s);
    case 'DbReplicaApply':
      return replicaApplies(s);
    case 'PromoteReadReplica':
      return restoreInto(c, s, 'replica', s.replica, 'beyondGranularity');
    case 'RestoreToPointInTime':
      return restoreInto(c, s, 'restored', rdsNode('up', restoreAz(c, world), s.shipped), 'withinGranularity');
    case 'RestoreFromSnapshot':
      return restoreInto(c, s, 'restored', rdsNode('up', restoreAz(c, world), 0), 'beyondGranularity');
    case 'Tick':
      return flushAndAdvance(c, s, world);
    default:
      return assertNever(a);
  }
}

/** Write `i` is acknowledged: the endpoint's node holds it, and a Multi-AZ standby that is up (synchronously). */
function write(s: RdsState, i: number): RdsState {
  const d = rdsState(s);
  const writes = s.writes.slice();
  writes[i] = 'acked';
  d.writes = writes;
  const n = endpointNode(s);
  setEndpointNode(d, rdsNode(n.state, n.az, n.applied + 1));
  if (d.endpoint === 'primary' && s.standby.state === 'up') d.standby = rdsNode('up', s.standby.az, s.standby.applied + 1);
  return d;
}
function instanceFails(c: RdsConfig, s: RdsState): RdsState {
  const d = rdsState(s);
  d.failures++;
  endpointFails(c, d, false);
  return d;
}
function zoneOutage(c: RdsConfig, s: RdsState, z: number): RdsState {
  const d = rdsState(s);
  zoneFails(c, d, z);
  return sameState(d, s) ? s : d;
}
function failoverComplete(s: RdsState): RdsState {
  const d = rdsState(s);
  completeFailover(d);
  return d;
}
function instanceRecovers(s: RdsState): RdsState {
  const d = rdsState(s);
  const n = endpointNode(s);
  setEndpointNode(d, rdsNode('up', n.az, n.applied));
  d.phase = 'available';
  return d;
}
function standbyReplaced(s: RdsState): RdsState {
  const d = rdsState(s);
  d.standby = rdsNode('up', s.standby.az, s.primary.applied);
  return d;
}
function replicaApplies(s: RdsState): RdsState {
  const d = rdsState(s);
  d.replica = rdsNode('up', s.replica.az, s.replica.applied + 1);
  return d;
}
/** The operator's runbook: the endpoint now points at `target` (holding `n`). */
function restoreInto(c: RdsConfig, s: RdsState, target: Endpoint, n: RdsNode, loss: Loss): RdsState {
  const d = rdsState(s);
  switchEndpoint(c, d, target, n, loss);
  return d;
}
function flushAndAdvance(c: RdsConfig, s: RdsState, world: World): RdsState {
  const d = rdsState(s);
  // Flush: what RDS does as soon as it is due, before time passes.
  if (d.phase === 'failingOver' && d.timer === 0) completeFailover(d);
  if (canRecover(d, world)) {
    const n = endpointNode(d);
    setEndpointNode(d, rdsNode('up', n.az, n.applied));
    d.phase = 'available';
  }
  if (canReplaceStandby(c, d, world)) d.standby = rdsNode('up', d.standby.az, d.primary.applied);
  // Advance.
  if (d.timer > 0) d.timer--;
  if (c.backups && d.phase === 'available' && --d.shipTimer === 0) {
    d.shipped = endpointNode(d).applied;
    d.shipTimer = c.shipTicks;
  }
  return sameState(d, s) ? s : d;
}

function setEndpointNode(d: Draft, n: RdsNode): void {
  if (d.endpoint === 'primary') d.primary = n;
  else if (d.endpoint === 'replica') d.replica = n;
  else d.restored = n;
}
/** The endpoint's instance fails: a Multi-AZ primary with a healthy standby fails over, anything else is down. */
function endpointFails(c: RdsConfig, d: Draft, zoneOutage: boolean): void {
  const n = endpointNode(d);
  setEndpointNode(d, rdsNode('failed', n.az, n.applied));
  if (d.endpoint === 'primary' && c.multiAz && d.standby.state === 'up') {
    d.phase = 'failingOver';
    d.timer = c.failMax;
  } else {
    d.phase = 'down';
    d.timer = zoneOutage ? 0 : c.recoveryTicks; // storage in a down zone waits for the zone
  }
}
function zoneFails(c: RdsConfig, d: Draft, z: number): void {
  if (d.standby.state === 'up' && d.standby.az === z) {
    d.standby = rdsNode('failed', z, d.standby.applied);
    if (d.phase === 'failingOver') {
      d.phase = 'down'; // the failover target is gone too
      d.timer = 0;
    }
  }
  if (d.replica.state === 'up' && d.replica.az === z && d.endpoint !== 'replica') d.replica = rdsNode('failed', z, d.replica.applied);
  const n = endpointNode(d);
  if (n.state === 'up' && n.az === z) endpointFails(c, d, true);
}
function completeFailover(d: Draft): void {
  const old = d.primary;
  d.primary = rdsNode('up', d.standby.az, d.standby.applied);
  d.standby = rdsNode('failed', old.az, old.applied);
  d.phase = 'available';
  d.timer = 0;
}
/** The endpoint now points at `target` (holding `n`): acknowledged writes past its prefix are lost. */
function switchEndpoint(c: RdsConfig, d: Draft, target: Endpoint, n: RdsNode, loss: Loss): void {
  const writes = d.writes.slice();
  let acked = 0;
  let lost = false;
  for (let i = 0; i < c.N; i++) {
    if (writes[i] !== 'acked') continue;
    if (++acked > n.applied) {
      writes[i] = 'lost';
      lost = true;
    }
  }
  if (lost) {
    d.writes = writes;
    if (d.loss !== 'beyondGranularity') d.loss = loss;
  }
  d.endpoint = target;
  setEndpointNode(d, n);
  d.phase = 'available';
  d.timer = 0;
  d.shipped = n.applied; // a new instance starts with a fresh backup
  d.shipTimer = c.shipTicks;
}

/**
 * The rds component on the composed world's code (model/compose/packed.ts): `rdsActions`,
 * `reduceRds`, `rdsTicking` and its `mayDefer`, on its own fields and az's.
 *
 * The reducer works as the object one does on its draft: it writes the successor's fields in
 * `out` (a copy of the world before) and reads its own fields back from there, so a `Tick` that
 * completes a failover then sees the new primary; zones are read from the world before.
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { azPackedReads } from '../az/index.js';
import type { RdsConfig } from './options.js';
import { DB_PHASES, ENDPOINTS, LOSSES, NODE_STATES, RDS, WRITE_STATES } from './state.js';

const [NONE, UP, FAILED] = NODE_STATES.map((_, i) => i);
const [AVAILABLE, FAILING_OVER, DOWN] = DB_PHASES.map((_, i) => i);
const [PRIMARY_EP, REPLICA_EP, RESTORED_EP] = ENDPOINTS.map((_, i) => i);
const [UNSENT, ACKED, LOST] = WRITE_STATES.map((_, i) => i);
const [, WITHIN, BEYOND] = LOSSES.map((_, i) => i);
/** The nodes, in the order of their accessors below. */
const PRIMARY = 0, STANDBY = 1, REPLICA = 2, RESTORED = 3;
/** The node each endpoint names. */
const NODE_OF_ENDPOINT = [PRIMARY, REPLICA, RESTORED];

/** rds's packed form, or undefined in a world with a Region (az's reads have no packed form there). */
export function packedRds(c: RdsConfig, layout: PackedLayout): PackedComponent | undefined {
  const zone = azPackedReads(layout);
  if (zone === undefined) return undefined;
  const { N, maxFailures, failMax, failMin, multiAz, canPromote, canRestore, backups, shipTicks, recoveryTicks, azs, A } = c;
  const node = (name: string) => ({
    state: layout.field(`${RDS}.${name}.state`),
    az: layout.field(`${RDS}.${name}.az`),
    applied: layout.field(`${RDS}.${name}.applied`),
  });
  const nodes = [node('primary'), node('standby'), node('replica'), node('restored')];
  const endpointF = layout.field(`${RDS}.endpoint`);
  const phaseF = layout.field(`${RDS}.phase`);
  const timerF = layout.field(`${RDS}.timer`);
  const shipTimerF = layout.field(`${RDS}.shipTimer`);
  const shippedF = layout.field(`${RDS}.shipped`);
  const writesF = layout.field(`${RDS}.writes[]`);
  const lossF = layout.field(`${RDS}.loss`);
  const failuresF = layout.field(`${RDS}.failures`);

  // Table: the writes, then the single actions (restores: PITR with backups, else a snapshot).
  const table: Action[] = [...A.write, A.failure, A.failoverComplete, A.recover, A.standbyReplace, A.replicaApply, A.promote, A.pitr, A.snapshot];
  const FAILURE = N, FAILOVER_COMPLETE = N + 1, RECOVER = N + 2, STANDBY_REPLACE = N + 3, REPLICA_APPLY = N + 4, PROMOTE = N + 5, PITR = N + 6, SNAPSHOT = N + 7;

  const endpointNode = (buf: Uint32Array, o: number): number => NODE_OF_ENDPOINT[endpointF.get(buf, o)];
  const setNode = (out: Uint32Array, o: number, k: number, state: number, az: number, applied: number): void => {
    nodes[k].state.set(out, o, state);
    nodes[k].az.set(out, o, az);
    nodes[k].applied.set(out, o, applied);
  };
  /** `restoreAz`: the lowest up zone of the world before, or -1. */
  const restoreAz = (code: Uint32Array, off: number): number => {
    for (let z = 0; z < azs; z++) if (zone.up(code, off, z)) return z;
    return -1;
  };
  /** `canRecover` on the slice in `buf` (the world before, or the draft), zones from the world before. */
  const canRecover = (buf: Uint32Array, o: number, code: Uint32Array, off: number): boolean => {
    if (phaseF.get(buf, o) !== DOWN || timerF.get(buf, o) !== 0) return false;
    const n = endpointNode(buf, o);
    return nodes[n].state.get(buf, o) === FAILED && zone.up(code, off, nodes[n].az.get(buf, o));
  };
  /** `canReplaceStandby`, likewise. */
  const canReplaceStandby = (buf: Uint32Array, o: number, code: Uint32Array, off: number): boolean =>
    multiAz && endpointF.get(buf, o) === PRIMARY_EP && phaseF.get(buf, o) === AVAILABLE
      && nodes[STANDBY].state.get(buf, o) === FAILED && zone.up(code, off, nodes[STANDBY].az.get(buf, o));

  /** `endpointFails` on the draft. */
  const endpointFails = (out: Uint32Array, o: number, zoneOutage: boolean): void => {
    const n = endpointNode(out, o);
    nodes[n].state.set(out, o, FAILED);
    if (endpointF.get(out, o) === PRIMARY_EP && multiAz && nodes[STANDBY].state.get(out, o) === UP) {
      phaseF.set(out, o, FAILING_OVER);
      timerF.set(out, o, failMax);
    } else {
      phaseF.set(out, o, DOWN);
      timerF.set(out, o, zoneOutage ? 0 : recoveryTicks);
    }
  };
  /** `completeFailover` on the draft. */
  const completeFailover = (out: Uint32Array, o: number): void => {
    const oldAz = nodes[PRIMARY].az.get(out, o);
    const oldApplied = nodes[PRIMARY].applied.get(out, o);
    setNode(out, o, PRIMARY, UP, nodes[STANDBY].az.get(out, o), nodes[STANDBY].applied.get(out, o));
    setNode(out, o, STANDBY, FAILED, oldAz, oldApplied);
    phaseF.set(out, o, AVAILABLE);
    timerF.set(out, o, 0);
  };
  /** `switchEndpoint` on the draft: the endpoint now names node `k` (endpoint `target`), holding `applied`. */
  const switchEndpoint = (out: Uint32Array, o: number, target: number, k: number, state: number, az: number, applied: number, loss: number): void => {
    let acked = 0;
    let lost = false;
    for (let i = 0; i < N; i++) {
      if (writesF.get(out, o, i) !== ACKED) continue;
      if (++acked > applied) {
        writesF.set(out, o, i, LOST);
        lost = true;
      }
    }
    if (lost && lossF.get(out, o) !== BEYOND) lossF.set(out, o, loss);
    endpointF.set(out, o, target);
    setNode(out, o, k, state, az, applied);
    phaseF.set(out, o, AVAILABLE);
    timerF.set(out, o, 0);
    shippedF.set(out, o, applied);
    shipTimerF.set(out, o, shipTicks);
  };

  const reducers: Record<string, PackedReducer> = {
    DbWrite: (a, _code, _off, out, o) => {
      writesF.set(out, o, (a as unknown as { readonly write: number }).write, ACKED);
      const n = endpointNode(out, o);
      nodes[n].applied.set(out, o, nodes[n].applied.get(out, o) + 1);
      if (endpointF.get(out, o) === PRIMARY_EP && nodes[STANDBY].state.get(out, o) === UP) nodes[STANDBY].applied.set(out, o, nodes[STANDBY].applied.get(out, o) + 1);
    },
    DbInstanceFailure: (_a, _code, _off, out, o) => {
      failuresF.set(out, o, failuresF.get(out, o) + 1);
      endpointFails(out, o, false);
    },
    AzOutage: (a, _code, _off, out, o) => {
      const z = (a as unknown as { readonly az: number }).az;
      if (nodes[STANDBY].state.get(out, o) === UP && nodes[STANDBY].az.get(out, o) === z) {
        nodes[STANDBY].state.set(out, o, FAILED);
        if (phaseF.get(out, o) === FAILING_OVER) {
          phaseF.set(out, o, DOWN); // the failover target is gone too
          timerF.set(out, o, 0);
        }
      }
      if (nodes[REPLICA].state.get(out, o) === UP && nodes[REPLICA].az.get(out, o) === z && endpointF.get(out, o) !== REPLICA_EP) nodes[REPLICA].state.set(out, o, FAILED);
      const n = endpointNode(out, o);
      if (nodes[n].state.get(out, o) === UP && nodes[n].az.get(out, o) === z) endpointFails(out, o, true);
    },
    DbFailoverComplete: (_a, _code, _off, out, o) => completeFailover(out, o),
    DbInstanceRecover: (_a, _code, _off, out, o) => {
      nodes[endpointNode(out, o)].state.set(out, o, UP);
      phaseF.set(out, o, AVAILABLE);
    },
    DbStandbyReplace: (_a, _code, _off, out, o) => {
      nodes[STANDBY].state.set(out, o, UP);
      nodes[STANDBY].applied.set(out, o, nodes[PRIMARY].applied.get(out, o));
    },
    DbReplicaApply: (_a, _code, _off, out, o) => nodes[REPLICA].applied.set(out, o, nodes[REPLICA].applied.get(out, o) + 1),
    PromoteReadReplica: (_a, _code, _off, out, o) => {
      const r = nodes[REPLICA];
      switchEndpoint(out, o, REPLICA_EP, REPLICA, r.state.get(out, o), r.az.get(out, o), r.applied.get(out, o), BEYOND);
    },
    RestoreToPointInTime: (_a, code, off, out, o) => switchEndpoint(out, o, RESTORED_EP, RESTORED, UP, restoreAz(code, off), shippedF.get(out, o), WITHIN),
    RestoreFromSnapshot: (_a, code, off, out, o) => switchEndpoint(out, o, RESTORED_EP, RESTORED, UP, restoreAz(code, off), 0, BEYOND),
    Tick: (_a, code, off, out, o) => {
      // Flush: what RDS does as soon as it is due, before time passes.
      if (phaseF.get(out, o) === FAILING_OVER && timerF.get(out, o) === 0) completeFailover(out, o);
      if (canRecover(out, o, code, off)) {
        nodes[endpointNode(out, o)].state.set(out, o, UP);
        phaseF.set(out, o, AVAILABLE);
      }
      if (canReplaceStandby(out, o, code, off)) {
        nodes[STANDBY].state.set(out, o, UP);
        nodes[STANDBY].applied.set(out, o, nodes[PRIMARY].applied.get(out, o));
      }
      // Advance.
      const timer = timerF.get(out, o);
      if (timer > 0) timerF.set(out, o, timer - 1);
      if (backups && phaseF.get(out, o) === AVAILABLE) {
        const ship = shipTimerF.get(out, o) - 1;
        if (ship === 0) {
          shippedF.set(out, o, nodes[endpointNode(out, o)].applied.get(out, o));
          shipTimerF.set(out, o, shipTicks);
        } else shipTimerF.set(out, o, ship);
      }
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      const phase = phaseF.get(code, off);
      const ep = endpointF.get(code, off);
      const e = NODE_OF_ENDPOINT[ep];
      if (phase === AVAILABLE && nodes[e].state.get(code, off) === UP) {
        for (let i = 0; i < N; i++) {
          if (writesF.get(code, off, i) === UNSENT) {
            out[n++] = base + i;
            break;
          }
        }
        if (failuresF.get(code, off) < maxFailures) out[n++] = base + FAILURE;
      }
      if (phase === FAILING_OVER && timerF.get(code, off) <= failMax - failMin) out[n++] = base + FAILOVER_COMPLETE;
      if (canRecover(code, off, code, off)) out[n++] = base + RECOVER;
      if (canReplaceStandby(code, off, code, off)) out[n++] = base + STANDBY_REPLACE;
      const replica = nodes[REPLICA];
      if (replica.state.get(code, off) === UP && ep === PRIMARY_EP && nodes[PRIMARY].state.get(code, off) === UP
        && replica.applied.get(code, off) < nodes[PRIMARY].applied.get(code, off)) out[n++] = base + REPLICA_APPLY;
      if (phase === DOWN) {
        if (canPromote && replica.state.get(code, off) === UP && ep === PRIMARY_EP) out[n++] = base + PROMOTE;
        if (canRestore && nodes[RESTORED].state.get(code, off) === NONE && restoreAz(code, off) >= 0) out[n++] = base + (backups ? PITR : SNAPSHOT);
      }
      return n;
    },
    reducer: reducerOf('rds', reducers),
    ticking(code, off) {
      const phase = phaseF.get(code, off);
      const timer = timerF.get(code, off);
      return timer > 0 || (backups && phase === AVAILABLE) || (phase === FAILING_OVER && timer === 0)
        || canRecover(code, off, code, off) || canReplaceStandby(code, off, code, off);
    },
    // A Multi-AZ failover ends anywhere in its window: time may pass until its deadline.
    mayDefer: (a, code, off) => a.type === 'DbFailoverComplete' && timerF.get(code, off) > 0,
  };
}

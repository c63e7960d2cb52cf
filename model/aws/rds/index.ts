/**
 * Amazon RDS (aws-semantics §8): one database instance behind its endpoint, as Single-AZ or
 * Multi-AZ (synchronous standby), with an optional asynchronous read replica, automated
 * backups (transaction logs shipped every `logShipSeconds`) and point-in-time restore.
 *
 * Nodes (`primary`, `standby`, `replica`, `restored`) are `none`, `up` or `failed`, each in a
 * zone, with `applied`: how many writes of the endpoint's write log it holds (a prefix: the
 * log is the acknowledged writes in order). Writes are indices; each is `unsent`, `acked` or
 * `lost` (acknowledged once, and no longer on the node the endpoint points to).
 *
 * - `DbWrite(i)`: the client's next write, acknowledged when durable by the design's rule:
 *   Single-AZ on the primary's storage; Multi-AZ on the primary and, synchronously, the
 *   standby (a failed standby leaves the primary acknowledging alone until it is replaced).
 * - A primary failure (`DbInstanceFailure`, or `AzOutage` of its zone): Multi-AZ with a
 *   healthy standby fails over; the endpoint's DNS record flips to the promoted standby when
 *   the failover ends (`DbFailoverComplete`, between `failoverMinSeconds` and
 *   `failoverMaxSeconds`, no writes meanwhile). Otherwise the database is `down`: an instance
 *   failure is recovered on the same storage after `recoverySeconds`, a zone outage only
 *   when the zone is back (INV-RDS-1).
 * - Read replica: `DbReplicaApply` applies one pending write (the lag is nondeterministic);
 *   `PromoteReadReplica` (an operator's runbook, with the database down) points the endpoint
 *   at it and loses the writes still in lag (INV-RDS-2).
 * - Backups: with retention > 0, `RestoreToPointInTime` (the runbook, database down) creates
 *   a new instance in the lowest up zone from the shipped logs, losing what came after the
 *   latest restorable time (INV-RDS-1, -6); with retention 0 there is no PITR (INV-RDS-5):
 *   `RestoreFromSnapshot` restores the last manual snapshot, taken before any modelled write.
 *   The operator's runbook includes pointing the application at the new endpoint.
 * - `loss` records the worst recovery point so far: none, within the restore granularity
 *   (PITR), or beyond it (a snapshot, a replica's unbounded lag), for `RecoveryPointBounded`.
 *
 * A `Tick`'s flush first does what RDS does without delay once due (finish a failover at its
 * deadline, recover an instance, replace a failed standby), then moves the countdowns.
 * Zones: rds reduces `AzOutage` (requires the az component) unless `azFaults: false`.
 * Not modelled: Multi-AZ DB clusters and Aurora (INV-RDS-7, -8), stuck failovers (INV-RDS-4),
 * clients caching DNS (INV-RDS-3: see route53), the replica's reads.
 */
import { azUp } from '../az/index.js';
import { ticksFor, type Component, type ParameterInfo, type World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';
import {
  RDS_CONTROLS, RDS_FAULTS, RDS_OPS, dbFailoverComplete, dbInstanceFailure, dbInstanceRecover, dbReplicaApply, dbStandbyReplace,
  dbWrite, promoteReadReplica, restoreFromSnapshot, restoreToPointInTime, type RdsAction, type RdsSubscribed,
} from './actions.js';
import { RDS, endpointNode } from './reads.js';

export {
  RDS_CONTROLS, RDS_FAULTS, RDS_OPS, dbFailoverComplete, dbInstanceFailure, dbInstanceRecover, dbReplicaApply, dbStandbyReplace,
  dbWrite, promoteReadReplica, restoreFromSnapshot, restoreToPointInTime,
  type DbFailoverComplete, type DbInstanceFailure, type DbInstanceRecover, type DbReplicaApply, type DbStandbyReplace, type DbWrite,
  type PromoteReadReplica, type RdsAction, type RdsControl, type RdsOp, type RdsSubscribed, type RestoreFromSnapshot,
  type RestoreToPointInTime,
} from './actions.js';
export { RDS, ackedWrites, dbAvailable, endpointNode, noAckedWriteLost, rdsSlice, recoveryPointBounded } from './reads.js';

export const NODE_STATES = ['none', 'up', 'failed'] as const;
export type NodeState = (typeof NODE_STATES)[number];
export const WRITE_STATES = ['unsent', 'acked', 'lost'] as const;
export type WriteState = (typeof WRITE_STATES)[number];
export const DB_PHASES = ['available', 'failingOver', 'down'] as const;
export type DbPhase = (typeof DB_PHASES)[number];
export const ENDPOINTS = ['primary', 'replica', 'restored'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export const LOSSES = ['none', 'withinGranularity', 'beyondGranularity'] as const;
export type Loss = (typeof LOSSES)[number];

/** Schema of one database node. */
export function rdsNodeSchema(azs: number, writes: number) {
  return t.record('RdsNode', { state: t.enumOf(NODE_STATES), az: t.int(0, azs - 1), applied: t.int(0, writes) });
}
export type RdsNode = Infer<ReturnType<typeof rdsNodeSchema>>;

/** Schema of the rds slice; `timer` counts down a failover or an instance recovery, `shipTimer` the next log upload. */
export function rdsSchema(azs: number, writes: number, maxTimer: number, shipTicks: number, maxFailures: number) {
  const node = rdsNodeSchema(azs, writes);
  return t.record('RdsState', {
    primary: node,
    standby: node,
    replica: node,
    restored: node,
    endpoint: t.enumOf(ENDPOINTS),
    phase: t.enumOf(DB_PHASES),
    timer: t.int(0, maxTimer),
    shipTimer: t.int(0, shipTicks),
    shipped: t.int(0, writes),
    writes: t.array(t.enumOf(WRITE_STATES), writes),
    loss: t.enumOf(LOSSES),
    failures: t.int(0, maxFailures),
  });
}
export type RdsState = Infer<ReturnType<typeof rdsSchema>>;

// ---- The component -----------------------------------------------------------------------

/** Parameters of the rds component (times in seconds, AWS's figures where AWS gives one). */
export interface RdsOptions {
  /** Seconds per `Tick`; default 30. */
  readonly tickSeconds?: number;
  /** `singleAz` (the API default) or `multiAz` (a Multi-AZ DB instance: synchronous standby). */
  readonly deployment?: 'singleAz' | 'multiAz';
  /** Zones (must match the az component); default 2. */
  readonly azs?: number;
  /** The primary's zone; default 0. */
  readonly primaryAz?: number;
  /** Multi-AZ: the standby's zone (another zone); default 1. */
  readonly standbyAz?: number;
  /** An asynchronous read replica; default false. */
  readonly readReplica?: boolean;
  /** The read replica's zone; default 1. */
  readonly replicaAz?: number;
  /** Client writes (indices 0..writes-1); default 2. */
  readonly writes?: number;
  /** `DbInstanceFailure` budget; default 1. */
  readonly maxInstanceFailures?: number;
  /** A Multi-AZ failover typically takes 60-120 s [R2]: it ends anywhere in the range (defaults 60 and 120). */
  readonly failoverMinSeconds?: number;
  /** The failover's deadline; default 120. */
  readonly failoverMaxSeconds?: number;
  /** Single-AZ: a failed instance is back on its storage after this long (not published); default 600. */
  readonly recoverySeconds?: number;
  /** Automated backup retention, days; default 1 (the API's); 0 disables backups and PITR. */
  readonly backupRetentionDays?: number;
  /** Transaction logs reach S3 every 5 minutes [R9]: the restore granularity. */
  readonly logShipSeconds?: number;
  /** Reduce `AzOutage` (requires the az component); default true. */
  readonly azFaults?: boolean;
  /** The operators' manual recoveries while the database is down; default none (wait for AWS). */
  readonly runbook?: readonly RdsRunbookStep[];
}
/** `promoteReadReplica`: PromoteReadReplica; `restore`: RestoreToPointInTime (or RestoreFromSnapshot without backups). */
export type RdsRunbookStep = 'promoteReadReplica' | 'restore';

/** The single factory of node records. */
function rdsNode(state: NodeState, az: number, applied: number): RdsNode {
  return { state, az, applied };
}
type Draft = { -readonly [K in keyof RdsState]: RdsState[K] };
/** The single factory of rds slices (also a fresh, not yet shared, draft to fill in). */
function rdsState(s: RdsState): Draft {
  return {
    primary: s.primary, standby: s.standby, replica: s.replica, restored: s.restored, endpoint: s.endpoint, phase: s.phase,
    timer: s.timer, shipTimer: s.shipTimer, shipped: s.shipped, writes: s.writes, loss: s.loss, failures: s.failures,
  };
}
function sameState(a: RdsState, b: RdsState): boolean {
  return a.primary === b.primary && a.standby === b.standby && a.replica === b.replica && a.restored === b.restored && a.endpoint === b.endpoint
    && a.phase === b.phase && a.timer === b.timer && a.shipTimer === b.shipTimer && a.shipped === b.shipped && a.writes === b.writes
    && a.loss === b.loss && a.failures === b.failures;
}

/**
 * The RDS component.
 *
 * @example
 * const db = rds({ deployment: 'multiAz', primaryAz: 0, standbyAz: 1, writes: 2 }); // NoAckedWriteLost holds
 */
export function rds(options: RdsOptions = {}): Component<RdsState, RdsSubscribed> {
  const tickSeconds = options.tickSeconds ?? 30;
  const multiAz = (options.deployment ?? 'singleAz') === 'multiAz';
  const azs = options.azs ?? 2;
  const primaryAz = options.primaryAz ?? 0;
  const standbyAz = options.standbyAz ?? 1;
  const withReplica = options.readReplica ?? false;
  const replicaAz = options.replicaAz ?? 1;
  const N = options.writes ?? 2;
  const maxFailures = options.maxInstanceFailures ?? 1;
  const retentionDays = options.backupRetentionDays ?? 1;
  const azFaults = options.azFaults ?? true;
  const runbook = options.runbook ?? [];
  const canPromote = runbook.includes('promoteReadReplica');
  const canRestore = runbook.includes('restore');
  const check = (what: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(`rds: ${what} must be an integer in ${lo}..${hi}, got ${v}`);
  };
  check('azs', azs, 1, 16);
  check('primaryAz', primaryAz, 0, azs - 1);
  check('standbyAz', standbyAz, 0, azs - 1);
  check('replicaAz', replicaAz, 0, azs - 1);
  check('writes', N, 1, 16);
  check('maxInstanceFailures', maxFailures, 0, 16);
  check('backupRetentionDays', retentionDays, 0, 35);
  if (multiAz && standbyAz === primaryAz) throw new Error('rds: a Multi-AZ standby must be in another zone than the primary');
  if (canPromote && !withReplica) throw new Error("rds: the runbook promotes a read replica, but there is none (readReplica: true)");
  if (withReplica && retentionDays === 0) throw new Error('rds: a read replica needs automated backups on its source (backupRetentionDays > 0)');
  const failMax = ticksFor(options.failoverMaxSeconds ?? 120, tickSeconds);
  const failMin = Math.min(ticksFor(options.failoverMinSeconds ?? 60, tickSeconds), failMax);
  const recoveryTicks = ticksFor(options.recoverySeconds ?? 600, tickSeconds);
  const backups = retentionDays > 0;
  const shipTicks = backups ? Math.max(1, ticksFor(options.logShipSeconds ?? 300, tickSeconds)) : 0;

  const A = {
    write: Array.from({ length: N }, (_, i) => dbWrite(i)),
    failure: dbInstanceFailure(),
    failoverComplete: dbFailoverComplete(),
    recover: dbInstanceRecover(),
    standbyReplace: dbStandbyReplace(),
    replicaApply: dbReplicaApply(),
    promote: promoteReadReplica(),
    pitr: restoreToPointInTime(),
    snapshot: restoreFromSnapshot(),
  };
  const initial: RdsState = rdsState({
    primary: rdsNode('up', primaryAz, 0),
    standby: multiAz ? rdsNode('up', standbyAz, 0) : rdsNode('none', 0, 0),
    replica: withReplica ? rdsNode('up', replicaAz, 0) : rdsNode('none', 0, 0),
    restored: rdsNode('none', 0, 0),
    endpoint: 'primary',
    phase: 'available',
    timer: 0,
    shipTimer: shipTicks,
    shipped: 0,
    writes: new Array<WriteState>(N).fill('unsent'),
    loss: 'none',
    failures: 0,
  });

  function setEndpointNode(d: Draft, n: RdsNode): void {
    if (d.endpoint === 'primary') d.primary = n;
    else if (d.endpoint === 'replica') d.replica = n;
    else d.restored = n;
  }
  /** The endpoint's instance fails: a Multi-AZ primary with a healthy standby fails over, anything else is down. */
  function endpointFails(d: Draft, zoneOutage: boolean): void {
    const n = endpointNode(d);
    setEndpointNode(d, rdsNode('failed', n.az, n.applied));
    if (d.endpoint === 'primary' && multiAz && d.standby.state === 'up') {
      d.phase = 'failingOver';
      d.timer = failMax;
    } else {
      d.phase = 'down';
      d.timer = zoneOutage ? 0 : recoveryTicks; // storage in a down zone waits for the zone
    }
  }
  function zoneFails(d: Draft, z: number): void {
    if (d.standby.state === 'up' && d.standby.az === z) {
      d.standby = rdsNode('failed', z, d.standby.applied);
      if (d.phase === 'failingOver') {
        d.phase = 'down'; // the failover target is gone too
        d.timer = 0;
      }
    }
    if (d.replica.state === 'up' && d.replica.az === z && d.endpoint !== 'replica') d.replica = rdsNode('failed', z, d.replica.applied);
    const n = endpointNode(d);
    if (n.state === 'up' && n.az === z) endpointFails(d, true);
  }
  function completeFailover(d: Draft): void {
    const old = d.primary;
    d.primary = rdsNode('up', d.standby.az, d.standby.applied);
    d.standby = rdsNode('failed', old.az, old.applied);
    d.phase = 'available';
    d.timer = 0;
  }
  /** The endpoint now points at `target` (holding `n`): acknowledged writes past its prefix are lost. */
  function switchEndpoint(d: Draft, target: Endpoint, n: RdsNode, loss: Loss): void {
    const writes = d.writes.slice();
    let acked = 0;
    let lost = false;
    for (let i = 0; i < N; i++) {
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
    d.shipTimer = shipTicks;
  }
  function restoreAz(world: World): number {
    for (let z = 0; z < azs; z++) if (azUp(world, z)) return z;
    return -1;
  }
  function canRecover(s: RdsState, world: World): boolean {
    const n = endpointNode(s);
    return s.phase === 'down' && s.timer === 0 && n.state === 'failed' && azUp(world, n.az);
  }
  function canReplaceStandby(s: RdsState, world: World): boolean {
    return multiAz && s.endpoint === 'primary' && s.phase === 'available' && s.standby.state === 'failed' && azUp(world, s.standby.az);
  }

  function reduce(s: RdsState, a: RdsSubscribed, world: World): RdsState {
    const d = rdsState(s);
    switch (a.type) {
      case 'DbWrite': {
        const writes = s.writes.slice();
        writes[a.write] = 'acked';
        d.writes = writes;
        const n = endpointNode(s);
        setEndpointNode(d, rdsNode(n.state, n.az, n.applied + 1));
        if (d.endpoint === 'primary' && s.standby.state === 'up') d.standby = rdsNode('up', s.standby.az, s.standby.applied + 1);
        return d;
      }
      case 'DbInstanceFailure':
        d.failures++;
        endpointFails(d, false);
        return d;
      case 'AzOutage':
        zoneFails(d, a.az);
        return sameState(d, s) ? s : d;
      case 'DbFailoverComplete':
        completeFailover(d);
        return d;
      case 'DbInstanceRecover': {
        const n = endpointNode(s);
        setEndpointNode(d, rdsNode('up', n.az, n.applied));
        d.phase = 'available';
        return d;
      }
      case 'DbStandbyReplace':
        d.standby = rdsNode('up', s.standby.az, s.primary.applied);
        return d;
      case 'DbReplicaApply':
        d.replica = rdsNode('up', s.replica.az, s.replica.applied + 1);
        return d;
      case 'PromoteReadReplica':
        switchEndpoint(d, 'replica', s.replica, 'beyondGranularity');
        return d;
      case 'RestoreToPointInTime':
        switchEndpoint(d, 'restored', rdsNode('up', restoreAz(world), s.shipped), 'withinGranularity');
        return d;
      case 'RestoreFromSnapshot':
        switchEndpoint(d, 'restored', rdsNode('up', restoreAz(world), 0), 'beyondGranularity');
        return d;
      case 'Tick': {
        // Flush: what RDS does as soon as it is due, before time passes.
        if (d.phase === 'failingOver' && d.timer === 0) completeFailover(d);
        if (canRecover(d, world)) {
          const n = endpointNode(d);
          setEndpointNode(d, rdsNode('up', n.az, n.applied));
          d.phase = 'available';
        }
        if (canReplaceStandby(d, world)) d.standby = rdsNode('up', d.standby.az, d.primary.applied);
        // Advance.
        if (d.timer > 0) d.timer--;
        if (backups && d.phase === 'available' && --d.shipTimer === 0) {
          d.shipped = endpointNode(d).applied;
          d.shipTimer = shipTicks;
        }
        return sameState(d, s) ? s : d;
      }
      default:
        return assertNever(a);
    }
  }

  function actions(world: World, out: RdsAction[]): void {
    const s = world[RDS] as RdsState;
    const n = endpointNode(s);
    const serving = s.phase === 'available' && n.state === 'up';
    if (serving) {
      const next = s.writes.indexOf('unsent');
      if (next >= 0) out.push(A.write[next]);
      if (s.failures < maxFailures) out.push(A.failure);
    }
    if (s.phase === 'failingOver' && s.timer <= failMax - failMin) out.push(A.failoverComplete);
    if (canRecover(s, world)) out.push(A.recover);
    if (canReplaceStandby(s, world)) out.push(A.standbyReplace);
    if (s.replica.state === 'up' && s.endpoint === 'primary' && s.primary.state === 'up' && s.replica.applied < s.primary.applied) out.push(A.replicaApply);
    if (s.phase === 'down') {
      if (canPromote && s.replica.state === 'up' && s.endpoint === 'primary') out.push(A.promote);
      if (canRestore && s.restored.state === 'none' && restoreAz(world) >= 0) out.push(backups ? A.pitr : A.snapshot);
    }
  }

  function ticking(s: RdsState, world: World): boolean {
    return s.timer > 0 || (backups && s.phase === 'available') || (s.phase === 'failingOver' && s.timer === 0)
      || canRecover(s, world) || canReplaceStandby(s, world);
  }

  const subscribes: string[] = [...RDS_OPS, ...RDS_FAULTS, ...RDS_CONTROLS, 'Tick'];
  if (azFaults) subscribes.push('AzOutage');

  const parameters: ParameterInfo[] = [
    { name: 'tickSeconds', default: 30, unit: 's', range: [1, 86_400] },
    { name: 'deployment', default: 'singleAz', unit: 'enum', range: ['singleAz', 'multiAz'] },
    { name: 'azs', default: 2, unit: 'count', range: [1, 16] },
    { name: 'primaryAz', default: 0, unit: 'az', range: [0, 15] },
    { name: 'standbyAz', default: 1, unit: 'az', range: [0, 15], description: 'Multi-AZ standby zone' },
    { name: 'readReplica', default: false, unit: 'bool', range: ['true', 'false'], description: 'asynchronous read replica' },
    { name: 'replicaAz', default: 1, unit: 'az', range: [0, 15] },
    { name: 'writes', default: 2, unit: 'count', range: [1, 16], description: 'client writes' },
    { name: 'maxInstanceFailures', default: 1, unit: 'count', range: [0, 16], description: 'DbInstanceFailure budget' },
    { name: 'failoverMinSeconds', default: 60, unit: 's', range: [0, 3_600], description: 'Multi-AZ failover, typically 60-120 s' },
    { name: 'failoverMaxSeconds', default: 120, unit: 's', range: [0, 3_600] },
    { name: 'recoverySeconds', default: 600, unit: 's', range: [0, 86_400], description: 'failed Single-AZ instance back on its storage (not published)' },
    { name: 'backupRetentionDays', default: 1, unit: 'days', range: [0, 35], description: '0 disables automated backups and PITR' },
    { name: 'logShipSeconds', default: 300, unit: 's', range: [1, 3_600], description: 'transaction log upload interval (restore granularity)' },
    { name: 'azFaults', default: true, unit: 'bool', range: ['true', 'false'], description: 'reduce AzOutage (needs the az component)' },
    { name: 'runbook', default: 'none', unit: 'list', range: ['promoteReadReplica', 'restore'], description: "operators' manual recoveries while down" },
  ];

  return {
    name: RDS,
    schema: rdsSchema(azs, N, Math.max(failMax, recoveryTicks), shipTicks, maxFailures),
    parameters,
    catalog: { op: RDS_OPS, fault: RDS_FAULTS, control: RDS_CONTROLS },
    subscribes,
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
    ticking,
  };
}

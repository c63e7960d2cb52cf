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
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): `PromoteReadReplica`, `RestoreToPointInTime` and
 * `RestoreFromSnapshot` (RDS API calls, the runbook's) are control, and so are
 * `DbInstanceRecover` and `DbStandbyReplace` (RDS provisions a new host or standby;
 * conservative). `DbWrite`, `DbReplicaApply` (replication), `DbFailoverComplete` (Multi-AZ
 * fails over to the standby it already runs, automatically, with no administrative call [R2])
 * and `DbInstanceFailure` are data.
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { RDS_CONTROLS, RDS_FAULTS, RDS_OPS, type RdsAction, type RdsSubscribed } from './actions.js';
import { rdsActions, rdsTicking } from './enabled.js';
import { RDS_PARAMETERS, initialRds, resolveRdsOptions, type RdsOptions, RDS_DEFAULT_TICK_SECONDS } from './options.js';
import { dbAvailable } from './reads.js';
import { packedRds } from './packed.js';
import { reduceRds } from './reduce.js';
import { RDS, rdsSchema, type RdsState } from './state.js';

export {
  RDS_CONTROLS, RDS_FAULTS, RDS_OPS, dbFailoverComplete, dbInstanceFailure, dbInstanceRecover, dbReplicaApply, dbStandbyReplace,
  dbWrite, promoteReadReplica, restoreFromSnapshot, restoreToPointInTime,
  type DbFailoverComplete, type DbInstanceFailure, type DbInstanceRecover, type DbReplicaApply, type DbStandbyReplace, type DbWrite,
  type PromoteReadReplica, type RdsAction, type RdsControl, type RdsOp, type RdsSubscribed, type RestoreFromSnapshot,
  type RestoreToPointInTime,
} from './actions.js';
export { ackedWrites, dbAvailable, endpointNode, noAckedWriteLost, rdsSlice, recoveryPointBounded } from './reads.js';
export {
  DB_PHASES, ENDPOINTS, LOSSES, NODE_STATES, RDS, WRITE_STATES, rdsNodeSchema, rdsSchema,
  type DbPhase, type Endpoint, type Loss, type NodeState, type RdsNode, type RdsState, type WriteState,
} from './state.js';
export type { RdsOptions, RdsRunbookStep } from './options.js';

/** Each action's plane (see the module comment). */
const RDS_PLANES: Readonly<Record<RdsAction['type'], Plane>> = {
  DbWrite: 'data', PromoteReadReplica: 'control', RestoreToPointInTime: 'control', RestoreFromSnapshot: 'control', DbInstanceFailure: 'data',
  DbFailoverComplete: 'data', DbInstanceRecover: 'control', DbStandbyReplace: 'control', DbReplicaApply: 'data',
};

/**
 * The RDS component.
 *
 * @example
 * const db = rds({ deployment: 'multiAz', primaryAz: 0, standbyAz: 1, writes: 2 }); // NoAckedWriteLost holds
 */
export function rds<const N extends string>(options: RdsOptions & InstanceOptions<N> & { readonly name: N }): Component<RdsState, RdsSubscribed, N>;
export function rds(options?: RdsOptions & InstanceOptions<'rds'>): Component<RdsState, RdsSubscribed, 'rds'>;
export function rds(options: RdsOptions & InstanceOptions = {}): Component<RdsState, RdsSubscribed, string> {
  return instance(rdsComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `rds` makes it the instance its options name. */
function rdsComponent(options: RdsOptions): Component<RdsState, RdsSubscribed, 'rds'> {
  const c = resolveRdsOptions(options);
  const initial = initialRds(c);
  const subscribes: string[] = [...RDS_OPS, ...RDS_FAULTS, ...RDS_CONTROLS, 'Tick'];
  if (c.azFaults) subscribes.push('AzOutage');
  return {
    name: RDS,
    schema: rdsSchema(c.azs, c.N, Math.max(c.failMax, c.recoveryTicks), c.shipTicks, c.maxFailures),
    parameters: RDS_PARAMETERS,
    catalog: { op: RDS_OPS, fault: RDS_FAULTS, control: RDS_CONTROLS, plane: RDS_PLANES },
    subscribes,
    tickSeconds: options.tickSeconds ?? RDS_DEFAULT_TICK_SECONDS,
    tickGiven: options.tickSeconds !== undefined,
    retick: (tickSeconds) => rds({ ...options, tickSeconds }),
    init: () => initial,
    actions: (world, out) => rdsActions(c, world, out as RdsAction[]),
    reduce: (s, a, world) => reduceRds(c, s, a, world),
    ticking: (s, world) => rdsTicking(c, s, world),
    // What a dependent application needs: the endpoint accepts writes (not during a failover, a reboot, or with its zone down).
    available: (s, world) => dbAvailable(s, world),
    // A Multi-AZ failover ends anywhere in failoverMin..failoverMax [R2]: time may pass while it
    // is enabled, until the deadline (timer 0), where it is due before the next tick.
    mayDefer: (s, a) => a.type === 'DbFailoverComplete' && s.timer > 0,
    packed: (layout) => packedRds(c, layout),
  };
}
